import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ForbiddenError, NotFoundError, ValidationError } from '@ta/core';
import type { Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, param, ParsedQuery, type QueryValues, JSON_BODY_PROBLEMS, problems } from '@ta/platform/http';
import {
  deadDeliveries,
  newWebhookSecret,
  notificationDefaults,
  ownEntry,
  removeOwnEntry,
  replayDead,
  saveOwnEntry,
  setNotificationDefaults,
  subscribeWebhook,
  unsubscribe,
  unsubscribeWebhook,
  webhookSubscription,
  webhookSubscriptions,
  webhookUrlProblem,
  type NotifyServices,
  type WebhookSubscription,
} from '../application';
import { NOTIFICATION_KINDS, type DeliveryFrequency, type NotificationKind, type PersonChannel } from '../domain';
import {
  DeadDeliveryListDto,
  NewWebhookSubscriptionDto,
  NotificationDefaultsDto,
  PreferencesDto,
  RemovedDto,
  ReplayDto,
  ReplayedDto,
  SavePreferencesDto,
  SubscribeWebhookDto,
  SubscriptionRefDto,
  UnsubscribeDto,
  WebhookSubscriptionDto,
  WebhookSubscriptionListDto,
} from './notify.dto';

export const NOTIFY_SERVICES = Symbol('NOTIFY_SERVICES');

const SUBSCRIPTION_ID = /^[0-9a-f]{24}$/;

const PEOPLE = ['secretariat', 'state', 'donor', 'authority'];
const PROVIDERS = ['donor', 'authority'];
const notPerson = () => new ForbiddenError('access.role_not_allowed', 'Notifications are kept for people: the Secretariat, States and providers');

const LIST_QUERY = { organisation: param.string({ pattern: /^[A-Za-z0-9._:-]{2,64}$/, noun: 'organisation id', description: "The Secretariat: only this organisation's (others see their own only)", example: 'donor-giz' }) };
const DEAD_QUERY = {
  subscription: param.string({ pattern: SUBSCRIPTION_ID, noun: 'subscription id', description: 'Only this subscription\'s (one the reader may see; another gives none)', example: '5f1c0e9a2b7d4c3e8a6b1d20' }),
};

/**
 * Notifications over HTTP (docs/api.md, "Notifications"): each person's own entry and choices,
 * the deployment's defaults (the Secretariat), unsubscribing by an e-mail's link, and the
 * organisations' webhook subscriptions with their dead letters. A provider sees and manages its
 * own organisation's subscriptions; the Secretariat every organisation's; a State has none.
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NOTIFY_SERVICES) private readonly services: NotifyServices) {}

  private get db() {
    return this.services.pool;
  }

  private async preferences(actor: Actor): Promise<PreferencesDto> {
    const entry = await ownEntry(this.db, actor.id);
    const defaults = await notificationDefaults(this.db);
    return {
      entry: entry ? { ...entry, channels: entry.channels ? [...entry.channels] : null, mutedKinds: entry.mutedKinds ? [...entry.mutedKinds] : null } : null,
      defaults: { channels: [...defaults.channels], mutedKinds: [...defaults.mutedKinds], digest: defaults.digest },
      kinds: [...NOTIFICATION_KINDS],
    };
  }

  @Get('preferences')
  @ApiRoute({ summary: "The signed-in person's notification entry and choices, and the deployment's defaults", ok: { description: 'The entry and the defaults', type: PreferencesDto } })
  get(@CurrentActor() actor: Actor): Promise<PreferencesDto> {
    return this.preferences(actor);
  }

  @Post('preferences')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Be written to: the e-mail address, the language, and the channels, muted kinds and digest frequency (null: the default)',
    description: 'The entry is the signed-in person\'s, with the role, country or organisation of the token: they are told only of what that identity may see.',
    ok: { description: 'The entry and the defaults', type: PreferencesDto },
    problems: problems(JSON_BODY_PROBLEMS, { 400: ['request.invalid_body'], 403: ['access.role_not_allowed'] }),
  })
  async save(@CurrentActor() actor: Actor, @Body() dto: SavePreferencesDto): Promise<PreferencesDto> {
    if (!PEOPLE.includes(actor.role)) throw notPerson();
    await saveOwnEntry(this.db, actor, {
      email: dto.email,
      language: dto.language,
      channels: (dto.channels ?? null) as PersonChannel[] | null,
      mutedKinds: (dto.mutedKinds ?? null) as NotificationKind[] | null,
      digest: (dto.digest ?? null) as DeliveryFrequency | null,
    });
    return this.preferences(actor);
  }

  @Post('preferences/remove')
  @HttpCode(200)
  @ApiRoute({ summary: "Stop being written to: the signed-in person's entry is removed", ok: { description: 'Whether there was an entry', type: RemovedDto } , problems: JSON_BODY_PROBLEMS })
  async remove(@CurrentActor() actor: Actor): Promise<RemovedDto> {
    return { removed: await removeOwnEntry(this.db, actor.id) };
  }

  @Get('defaults')
  @ApiRoute({ summary: "The deployment's defaults: what a person who has not chosen is told, and how", ok: { description: 'The defaults', type: NotificationDefaultsDto } })
  async defaults(): Promise<NotificationDefaultsDto> {
    const d = await notificationDefaults(this.db);
    return { channels: [...d.channels], mutedKinds: [...d.mutedKinds], digest: d.digest };
  }

  @Post('defaults')
  @HttpCode(200)
  @ApiRoute({
    summary: "Set the deployment's defaults (the Secretariat)",
    ok: { description: 'The defaults', type: NotificationDefaultsDto },
    problems: problems(JSON_BODY_PROBLEMS, { 400: ['request.invalid_body'], 403: ['access.role_not_allowed'] }),
  })
  async setDefaults(@CurrentActor() actor: Actor, @Body() dto: NotificationDefaultsDto): Promise<NotificationDefaultsDto> {
    if (actor.role !== 'secretariat') throw new ForbiddenError('access.role_not_allowed', "The deployment's defaults are the Secretariat's");
    await setNotificationDefaults(this.db, { channels: dto.channels as PersonChannel[], mutedKinds: dto.mutedKinds as NotificationKind[], digest: dto.digest as DeliveryFrequency }, actor.id);
    return this.defaults();
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiRoute({
    public: true,
    summary: "Stop e-mails of one kind, by the token of an e-mail's link (no sign-in)",
    ok: { description: 'Done', type: RemovedDto },
    problems: problems(JSON_BODY_PROBLEMS, { 400: ['request.invalid_body'], 404: ['notify.unknown_token'] }),
  })
  async unsubscribe(@Body() dto: UnsubscribeDto): Promise<RemovedDto> {
    if (!(await unsubscribe(this.db, dto.token, dto.kind as NotificationKind))) throw new NotFoundError('notify.unknown_token', 'No one has this unsubscribe token');
    return { removed: true };
  }

  /** The subscriptions the actor may see and manage: its organisation's, or all for the Secretariat. */
  private async visible(actor: Actor, organisation?: string): Promise<WebhookSubscription[]> {
    if (actor.role === 'secretariat') return webhookSubscriptions(this.db, organisation);
    if (!PROVIDERS.includes(actor.role) || !actor.organisation) return [];
    return webhookSubscriptions(this.db, actor.organisation);
  }

  private async own(actor: Actor, id: string): Promise<WebhookSubscription> {
    const s = await webhookSubscription(this.db, id);
    if (!s || (actor.role !== 'secretariat' && !(PROVIDERS.includes(actor.role) && s.organisation === actor.organisation))) {
      throw new NotFoundError('notify.subscription_not_found', 'No webhook subscription with this id is yours');
    }
    return s;
  }

  @Get('webhooks')
  @ApiRoute({
    summary: "Webhook subscriptions: a provider's organisation's, or every one for the Secretariat (never their secrets)",
    query: LIST_QUERY,
    ok: { description: 'The subscriptions', type: WebhookSubscriptionListDto },
  })
  async subscriptions(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof LIST_QUERY>): Promise<WebhookSubscriptionListDto> {
    return { items: (await this.visible(actor, q.organisation)).map(view) };
  }

  @Post('webhooks')
  @ApiRoute({
    summary: "Subscribe an organisation's system to kinds of notification, signed with a secret the platform makes and shows once",
    description: 'See docs/api.md, "Webhooks": the body, the signature (X-TA-Signature), the retries and the dead letters.',
    ok: { status: 201, description: 'The subscription and its secret', type: NewWebhookSubscriptionDto },
    problems: problems(JSON_BODY_PROBLEMS, { 400: ['request.invalid_body', 'notify.organisation_required', 'notify.webhook_url_refused'], 403: ['access.role_not_allowed', 'notify.organisation_not_own'] }),
  })
  async subscribe(@CurrentActor() actor: Actor, @Body() dto: SubscribeWebhookDto): Promise<NewWebhookSubscriptionDto> {
    let organisation: string;
    if (actor.role === 'secretariat') {
      if (!dto.organisation) throw new ValidationError('notify.organisation_required', 'The Secretariat names the organisation the subscription is for', [{ path: '/organisation', message: 'required' }]);
      organisation = dto.organisation;
    } else if (PROVIDERS.includes(actor.role) && actor.organisation) {
      if (dto.organisation && dto.organisation !== actor.organisation) throw new ForbiddenError('notify.organisation_not_own', "A provider subscribes its own organisation's system only");
      organisation = actor.organisation;
    } else throw new ForbiddenError('access.role_not_allowed', "Webhooks are for organisations' systems: a provider's, or made by the Secretariat");
    if (dto.kinds.length === 0) throw new ValidationError('request.invalid_body', 'kinds: at least one', [{ path: '/kinds', message: 'at least one kind' }]);
    const refused = await webhookUrlProblem(dto.url, this.services.webhookTargets);
    if (refused) throw new ValidationError('notify.webhook_url_refused', `url: ${refused}`, [{ path: '/url', message: refused }]);
    const secret = newWebhookSecret();
    const id = await subscribeWebhook(this.db, { organisation, kinds: dto.kinds as NotificationKind[], url: dto.url, secret, createdBy: actor.id }, this.services.secrets);
    return { ...view((await webhookSubscription(this.db, id))!), secret };
  }

  @Post('webhooks/remove')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Remove a subscription: its deliveries still queued are not sent',
    ok: { description: 'Removed', type: RemovedDto },
    problems: problems(JSON_BODY_PROBLEMS, { 400: ['request.invalid_body'], 404: ['notify.subscription_not_found'] }),
  })
  async removeSubscription(@CurrentActor() actor: Actor, @Body() dto: SubscriptionRefDto): Promise<RemovedDto> {
    await this.own(actor, dto.subscription);
    return { removed: await unsubscribeWebhook(this.db, dto.subscription) };
  }

  @Get('webhooks/dead-letters')
  @ApiRoute({
    summary: 'Deliveries given up on (dead letters) of the subscriptions the reader may see, oldest first (1,000 at most per subscription)',
    query: DEAD_QUERY,
    ok: { description: 'The dead deliveries', type: DeadDeliveryListDto },
  })
  async deadLetters(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof DEAD_QUERY>): Promise<DeadDeliveryListDto> {
    const subscriptions = (await this.visible(actor)).filter((s) => !q.subscription || s.id === q.subscription);
    const items = [];
    for (const s of subscriptions) {
      for (const d of await deadDeliveries(this.db, s.id)) items.push({ ...d, subscription: s.id, data: d.data as Record<string, unknown> });
    }
    return { items };
  }

  @Post('webhooks/replay')
  @HttpCode(200)
  @ApiRoute({
    summary: "Send a subscription's dead deliveries again (all, or those named), with their delivery ids",
    ok: { description: 'How many were queued again', type: ReplayedDto },
    problems: problems(JSON_BODY_PROBLEMS, { 400: ['request.invalid_body'], 404: ['notify.subscription_not_found'] }),
  })
  async replay(@CurrentActor() actor: Actor, @Body() dto: ReplayDto): Promise<ReplayedDto> {
    await this.own(actor, dto.subscription);
    return { replayed: await replayDead(this.db, dto.subscription, new Date(), dto.ids) };
  }
}

function view(s: WebhookSubscription): WebhookSubscriptionDto {
  return { id: s.id, organisation: s.organisation, kinds: [...s.kinds], url: s.url, createdAt: s.createdAt };
}
