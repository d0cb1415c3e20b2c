import { codelists, type CodelistName, type LanguageCode, type LocalizedName } from '@ta/codelists';
import webLabels from './web-labels.json';
import { REPORT_TEXTS } from './report-text-table';

/** A text in the six official languages of the UN. */
export type Texts6 = Readonly<Record<LanguageCode, string>>;

/**
 * The labels of exports and reports that the web app already has (column headers, statuses,
 * funding) are the web app's own translations, copied into `web-labels.json` so that this
 * library does not import the web app; the others are below.
 */
const OWN: Readonly<Record<string, Texts6>> = {
  'col.title': { ar: 'العنوان', en: 'Title', es: 'Título', fr: 'Titre', ru: 'Название', zh: '标题' },
  'col.countryName': { ar: 'اسم البلد', en: 'Country name', es: 'Nombre del país', fr: 'Nom du pays', ru: 'Название страны', zh: '国家名称' },
  'col.institution': { ar: 'المؤسسة المستفيدة', en: 'Beneficiary institution', es: 'Institución beneficiaria', fr: 'Institution bénéficiaire', ru: 'Учреждение-бенефициар', zh: '受益机构' },
  'col.restricted': { ar: 'مقيد', en: 'Restricted', es: 'Restringida', fr: 'Restreinte', ru: 'Ограниченный доступ', zh: '受限' },
  'col.openedAt': { ar: 'تاريخ الإتاحة للعروض', en: 'Opened for offers', es: 'Abierta a ofertas', fr: 'Ouverte aux offres', ru: 'Открыт для предложений', zh: '开放征集提议' },
  'col.matchedAt': { ar: 'تاريخ المطابقة', en: 'Matched', es: 'Emparejada', fr: 'Appariée', ru: 'Сопоставлен', zh: '已匹配' },
  'col.deliveredAt': { ar: 'تاريخ التقديم الفعلي', en: 'Delivered', es: 'Prestada', fr: 'Fournie', ru: 'Оказана', zh: '已提供' },
  'col.needMet': { ar: 'هل لُبّيت الحاجة', en: 'Need met', es: 'Necesidad atendida', fr: 'Besoin satisfait', ru: 'Потребность удовлетворена', zh: '需求是否满足' },
  'col.currency': { ar: 'العملة', en: 'Currency', es: 'Moneda', fr: 'Monnaie', ru: 'Валюта', zh: '货币' },
  'col.committed': { ar: 'الملتزم به', en: 'Committed', es: 'Comprometido', fr: 'Engagé', ru: 'Принятые обязательства', zh: '已承诺' },
  'col.registered': { ar: 'المعروض', en: 'Offered', es: 'Ofrecido', fr: 'Offert', ru: 'Предложено', zh: '已提供的能力' },
  'col.availableFrom': { ar: 'متاح من', en: 'Available from', es: 'Disponible desde', fr: 'Disponible du', ru: 'Доступно с', zh: '可用起始日' },
  'col.availableTo': { ar: 'متاح حتى', en: 'Available to', es: 'Disponible hasta', fr: 'Disponible au', ru: 'Доступно по', zh: '可用截止日' },
  'col.proposedAt': { ar: 'تاريخ الاقتراح', en: 'Proposed', es: 'Propuesta', fr: 'Proposé', ru: 'Предложено', zh: '提议日期' },
  'col.quarter': { ar: 'الربع', en: 'Quarter', es: 'Trimestre', fr: 'Trimestre', ru: 'Квартал', zh: '季度' },
  'col.requests': { ar: 'الطلبات', en: 'Requests', es: 'Solicitudes', fr: 'Demandes', ru: 'Запросы', zh: '请求' },
  'col.openRequests': { ar: 'طلبات مفتوحة للعروض', en: 'Open for offers', es: 'Abiertas a ofertas', fr: 'Ouvertes aux offres', ru: 'Открыты для предложений', zh: '开放征集提议' },
  'col.matchedRequests': { ar: 'طلبات مطابقة', en: 'Matched requests', es: 'Solicitudes emparejadas', fr: 'Demandes appariées', ru: 'Сопоставленные запросы', zh: '已匹配请求' },
  'col.openOffers': { ar: 'عروض مفتوحة', en: 'Open offers', es: 'Ofertas abiertas', fr: 'Offres ouvertes', ru: 'Открытые предложения', zh: '开放的提议' },
  'col.uncovered': { ar: 'غير مغطى', en: 'Uncovered', es: 'Sin cobertura', fr: 'Non couvert', ru: 'Не покрыто', zh: '未覆盖' },
  'col.gaps': { ar: 'الفجوات', en: 'Gaps', es: 'Brechas', fr: 'Lacunes', ru: 'Пробелы', zh: '缺口' },
  'col.engagements': { ar: 'الارتباطات', en: 'Engagements', es: 'Compromisos', fr: 'Engagements', ru: 'Договорённости', zh: '合作' },
  'col.size': { ar: 'العدد', en: 'Members', es: 'Miembros', fr: 'Membres', ru: 'Элементы', zh: '成员数' },
  'col.sameRequest': { ar: 'الطلب نفسه', en: 'Same request', es: 'Misma solicitud', fr: 'Même demande', ru: 'Тот же запрос', zh: '同一请求' },
  'col.from': { ar: 'من', en: 'From', es: 'Desde', fr: 'Du', ru: 'С', zh: '起' },
  'col.to': { ar: 'إلى', en: 'To', es: 'Hasta', fr: 'Au', ru: 'По', zh: '止' },
  'col.awaiting': { ar: 'بانتظار', en: 'Awaiting', es: 'En espera de', fr: 'En attente de', ru: 'Ожидается', zh: '等待' },
  'col.region': { ar: 'المنطقة', en: 'Region', es: 'Región', fr: 'Région', ru: 'Регион', zh: '区域' },
  'col.outcome': { ar: 'النتيجة', en: 'Outcome', es: 'Resultado', fr: 'Résultat', ru: 'Результат', zh: '结果' },
  'col.chapter': { ar: 'الفصل', en: 'Chapter', es: 'Capítulo', fr: 'Chapitre', ru: 'Глава', zh: '章' },
  'col.cycle': { ar: 'الدورة', en: 'Review cycle', es: 'Ciclo de examen', fr: "Cycle d'examen", ru: 'Цикл обзора', zh: '审议周期' },
  'col.sourceKind': { ar: 'مصدر الحاجة', en: 'Source of the need', es: 'Fuente de la necesidad', fr: 'Source du besoin', ru: 'Источник потребности', zh: '需求来源' },
  'col.value': { ar: 'القيمة', en: 'Value', es: 'Valor', fr: 'Valeur', ru: 'Значение', zh: '数值' },
  'col.figure': { ar: 'الرقم', en: 'Figure', es: 'Cifra', fr: 'Indicateur', ru: 'Показатель', zh: '指标' },
};

/** The report's own texts are labels too, as `report.<key>` (the report's sheets' columns). */
const LABELS: Readonly<Record<string, Texts6>> = {
  ...(webLabels as Record<string, Texts6>),
  ...OWN,
  ...Object.fromEntries(Object.entries(REPORT_TEXTS).map(([k, v]) => [`report.${k}`, v])),
};

export type LabelKey = string;

/** A label in `lang`; an unknown key is a programming error. */
export function label(key: LabelKey, lang: LanguageCode): string {
  const l = LABELS[key];
  if (!l) throw new Error(`no label ${key}`);
  return l[lang];
}

export function hasLabel(key: string): boolean {
  return key in LABELS;
}

/** A codelist item's name in `lang` (English when the list has none in it), or the code itself. */
export function codeName(list: CodelistName, code: string | null | undefined, lang: LanguageCode): string {
  if (code === null || code === undefined) return '';
  const item = codelists.get(list, code) as { name: LocalizedName; shortName?: LocalizedName } | undefined;
  if (!item) return code;
  return item.name[lang] ?? item.name.en;
}

/** A status's label (`requestStatus.*`, `engagementStatus.*`, `offerStatus.*`), or the code. */
export function statusName(family: 'requestStatus' | 'engagementStatus' | 'offerStatus', code: string, lang: LanguageCode): string {
  const key = `${family}.${code}`;
  return hasLabel(key) ? label(key, lang) : code;
}
