import type { NotificationKind } from './notification-rules';

/** The six official UN languages the messages are written in. */
export type MessageLanguage = 'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh';
export const MESSAGE_LANGUAGES: readonly MessageLanguage[] = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

type Words = {
  readonly subject: Readonly<Record<NotificationKind, string>>;
  readonly open: string;
  readonly unsubscribe: string;
  readonly footer: string;
  readonly digest: Readonly<Record<DigestFrequency, string>>;
  readonly preferences: string;
};

/** How often a person is told: each notification at once, or one summary a day or a week. */
export type DigestFrequency = 'daily' | 'weekly';

/**
 * The messages' words. Each names what happened and links to the item: nothing of the case's
 * texts (titles, reasons, contact persons) is copied into a message, which leaves the
 * platform's access control at the link.
 */
const WORDS: Readonly<Record<MessageLanguage, Words>> = {
  en: {
    subject: {
      'request.submitted': 'A new request for technical assistance awaits triage',
      'request.returned_for_clarification': 'Your request was returned for clarification',
      'engagement.proposed': 'An engagement was proposed',
      'milestone.reported': 'A milestone was reported done and awaits your confirmation',
      'milestone.disputed': 'A milestone was disputed',
      'engagement.completed': 'An engagement was completed and awaits your acknowledgement',
      'engagement.cancelled': 'An engagement was cancelled',
      'completion.contested': 'The State contested the completion of an engagement',
      'milestone.overdue': 'A milestone is overdue: it was not reported done by its due date',
      'request.follow_up_due': 'The follow-up of a delivered request is due (12 months after delivery)',
      'request.waiting_for_offer': 'A request has waited for an offer longer than the gap threshold',
      'offer.expiring': 'Your offer is about to expire: extend its availability window if it still stands',
    },
    open: 'Open it in the platform',
    unsubscribe: 'Stop e-mails of this kind',
    footer: 'UNCAC technical assistance platform',
    digest: { daily: 'Your daily summary of notifications', weekly: 'Your weekly summary of notifications' },
    preferences: 'Choose what you are told, and how often',
  },
  fr: {
    subject: {
      'request.submitted': 'Une nouvelle demande d’assistance technique attend son examen',
      'request.returned_for_clarification': 'Votre demande a été renvoyée pour éclaircissement',
      'engagement.proposed': 'Un engagement a été proposé',
      'milestone.reported': 'Une étape a été déclarée achevée et attend votre confirmation',
      'milestone.disputed': 'Une étape a été contestée',
      'engagement.completed': 'Un engagement a été achevé et attend votre accusé de réception',
      'engagement.cancelled': 'Un engagement a été annulé',
      'completion.contested': 'L’État a contesté l’achèvement d’un engagement',
      'milestone.overdue': 'Une étape est en retard : elle n’a pas été déclarée achevée à sa date d’échéance',
      'request.follow_up_due': 'Le suivi d’une demande satisfaite est dû (12 mois après la prestation)',
      'request.waiting_for_offer': 'Une demande attend une offre depuis plus longtemps que le seuil fixé',
      'offer.expiring': 'Votre offre va bientôt expirer : prolongez sa période de disponibilité si elle tient toujours',
    },
    open: 'L’ouvrir sur la plateforme',
    unsubscribe: 'Ne plus recevoir ce type de courriel',
    footer: 'Plateforme d’assistance technique de la CNUCC',
    digest: { daily: 'Votre récapitulatif quotidien des notifications', weekly: 'Votre récapitulatif hebdomadaire des notifications' },
    preferences: 'Choisir ce qui vous est signalé, et à quelle fréquence',
  },
  es: {
    subject: {
      'request.submitted': 'Una nueva solicitud de asistencia técnica espera su examen',
      'request.returned_for_clarification': 'Su solicitud fue devuelta para aclaración',
      'engagement.proposed': 'Se propuso un compromiso',
      'milestone.reported': 'Se informó que un hito está cumplido y espera su confirmación',
      'milestone.disputed': 'Se impugnó un hito',
      'engagement.completed': 'Un compromiso se completó y espera su acuse de recibo',
      'engagement.cancelled': 'Se canceló un compromiso',
      'completion.contested': 'El Estado impugnó la finalización de un compromiso',
      'milestone.overdue': 'Un hito está atrasado: no se informó de su cumplimiento en la fecha prevista',
      'request.follow_up_due': 'Corresponde el seguimiento de una solicitud atendida (12 meses después de la prestación)',
      'request.waiting_for_offer': 'Una solicitud lleva esperando una oferta más tiempo que el umbral fijado',
      'offer.expiring': 'Su oferta está por vencer: prorrogue su período de disponibilidad si sigue en pie',
    },
    open: 'Abrirlo en la plataforma',
    unsubscribe: 'No recibir más correos de este tipo',
    footer: 'Plataforma de asistencia técnica de la CNUCC',
    digest: { daily: 'Su resumen diario de notificaciones', weekly: 'Su resumen semanal de notificaciones' },
    preferences: 'Elegir qué se le notifica y con qué frecuencia',
  },
  ru: {
    subject: {
      'request.submitted': 'Новый запрос о технической помощи ожидает рассмотрения',
      'request.returned_for_clarification': 'Ваш запрос возвращён для уточнения',
      'engagement.proposed': 'Предложено взаимодействие',
      'milestone.reported': 'Этап отмечен как выполненный и ожидает вашего подтверждения',
      'milestone.disputed': 'Выполнение этапа оспорено',
      'engagement.completed': 'Взаимодействие завершено и ожидает вашего подтверждения',
      'engagement.cancelled': 'Взаимодействие отменено',
      'completion.contested': 'Государство оспорило завершение взаимодействия',
      'milestone.overdue': 'Этап просрочен: о его выполнении не сообщено к установленному сроку',
      'request.follow_up_due': 'Наступил срок последующей оценки выполненного запроса (12 месяцев после оказания помощи)',
      'request.waiting_for_offer': 'Запрос ожидает предложения дольше установленного порога',
      'offer.expiring': 'Срок действия вашего предложения скоро истекает: продлите период доступности, если оно остаётся в силе',
    },
    open: 'Открыть на платформе',
    unsubscribe: 'Не присылать письма этого вида',
    footer: 'Платформа технической помощи по КПК ООН',
    digest: { daily: 'Ваша ежедневная сводка уведомлений', weekly: 'Ваша еженедельная сводка уведомлений' },
    preferences: 'Выбрать, о чём и как часто вам сообщать',
  },
  zh: {
    subject: {
      'request.submitted': '一项新的技术援助请求等待分类处理',
      'request.returned_for_clarification': '您的请求已退回以作澄清',
      'engagement.proposed': '已提议一项合作',
      'milestone.reported': '一个里程碑已报告完成，等待您确认',
      'milestone.disputed': '一个里程碑受到异议',
      'engagement.completed': '一项合作已完成，等待您确认',
      'engagement.cancelled': '一项合作已取消',
      'completion.contested': '国家对一项合作的完成提出异议',
      'milestone.overdue': '一个里程碑已逾期：未在截止日期前报告完成',
      'request.follow_up_due': '一项已交付请求的后续跟进已到期（交付后12个月）',
      'request.waiting_for_offer': '一项请求等待提议的时间已超过缺口阈值',
      'offer.expiring': '您的提议即将到期：如仍有效，请延长其可用期',
    },
    open: '在平台上打开',
    unsubscribe: '不再接收此类邮件',
    footer: '《联合国反腐败公约》技术援助平台',
    digest: { daily: '您的每日通知摘要', weekly: '您的每周通知摘要' },
    preferences: '选择接收哪些通知以及频率',
  },
  ar: {
    subject: {
      'request.submitted': 'طلب جديد للمساعدة التقنية ينتظر الفرز',
      'request.returned_for_clarification': 'أُعيد طلبكم لالتماس توضيحات',
      'engagement.proposed': 'اقتُرح ارتباط',
      'milestone.reported': 'أُبلغ عن إنجاز مرحلة وهي تنتظر تأكيدكم',
      'milestone.disputed': 'اعتُرض على مرحلة',
      'engagement.completed': 'اكتمل ارتباط وهو ينتظر إقراركم',
      'engagement.cancelled': 'أُلغي ارتباط',
      'completion.contested': 'اعترضت الدولة على اكتمال ارتباط',
      'milestone.overdue': 'تأخرت مرحلة: لم يُبلغ عن إنجازها بحلول موعدها',
      'request.follow_up_due': 'حان موعد متابعة طلب نُفِّذ (بعد 12 شهرا من التنفيذ)',
      'request.waiting_for_offer': 'طلب ينتظر عرضا منذ مدة تتجاوز عتبة الفجوة',
      'offer.expiring': 'عرضكم على وشك الانتهاء: مدّدوا فترة إتاحته إن كان لا يزال قائما',
    },
    open: 'افتحه في المنصة',
    unsubscribe: 'إيقاف الرسائل من هذا النوع',
    footer: 'منصة المساعدة التقنية لاتفاقية الأمم المتحدة لمكافحة الفساد',
    digest: { daily: 'ملخصكم اليومي للإشعارات', weekly: 'ملخصكم الأسبوعي للإشعارات' },
    preferences: 'اختيار ما تُبلَّغون به وعدد مرات الإبلاغ',
  },
};

export function messageLanguage(language: string): MessageLanguage {
  return (MESSAGE_LANGUAGES as readonly string[]).includes(language) ? (language as MessageLanguage) : 'en';
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly language: MessageLanguage;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An e-mail in the recipient's language (English when the platform has none in it), plain text and HTML; Arabic right to left. */
export function renderEmail(kind: NotificationKind, language: string, links: { readonly item: string; readonly unsubscribe: string }): RenderedMessage {
  const lang = messageLanguage(language);
  const w = WORDS[lang];
  const subject = w.subject[kind];
  const text = `${subject}\n\n${w.open}: ${links.item}\n\n-- \n${w.footer}\n${w.unsubscribe}: ${links.unsubscribe}\n`;
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const html =
    `<!doctype html><html lang="${lang}" dir="${dir}"><body dir="${dir}">` +
    `<p>${escapeHtml(subject)}</p><p><a href="${escapeHtml(links.item)}">${escapeHtml(w.open)}</a></p>` +
    `<hr><p><small>${escapeHtml(w.footer)} · <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(w.unsubscribe)}</a></small></p></body></html>`;
  return { subject, text, html, language: lang };
}

/** One line of a digest: what happened and the link to the item; `unsubscribe` stops that kind. */
export interface DigestEntry {
  readonly kind: NotificationKind;
  readonly item: string;
  readonly unsubscribe: string;
}

/**
 * A digest in the recipient's language: one line per notification held since the last one (its
 * kind and the link to its item, as the single messages), a link to stop each kind, and one to the
 * preferences page. Arabic right to left.
 */
export function renderDigest(frequency: DigestFrequency, language: string, entries: readonly DigestEntry[], preferences: string): RenderedMessage {
  const lang = messageLanguage(language);
  const w = WORDS[lang];
  const subject = `${w.digest[frequency]} (${entries.length})`;
  const kinds = [...new Map(entries.map((e) => [e.kind, e.unsubscribe])).entries()];
  const text =
    `${subject}\n\n` +
    entries.map((e) => `- ${w.subject[e.kind]}\n  ${e.item}`).join('\n') +
    `\n\n-- \n${w.footer}\n${w.preferences}: ${preferences}\n` +
    kinds.map(([kind, link]) => `${w.unsubscribe} (${w.subject[kind]}): ${link}`).join('\n') +
    '\n';
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const html =
    `<!doctype html><html lang="${lang}" dir="${dir}"><body dir="${dir}"><p>${escapeHtml(subject)}</p><ul>` +
    entries.map((e) => `<li><a href="${escapeHtml(e.item)}">${escapeHtml(w.subject[e.kind])}</a></li>`).join('') +
    `</ul><hr><p><small>${escapeHtml(w.footer)} · <a href="${escapeHtml(preferences)}">${escapeHtml(w.preferences)}</a></small></p>` +
    `<p><small>${kinds.map(([kind, link]) => `<a href="${escapeHtml(link)}">${escapeHtml(w.unsubscribe)}: ${escapeHtml(w.subject[kind])}</a>`).join(' · ')}</small></p></body></html>`;
  return { subject, text, html, language: lang };
}
