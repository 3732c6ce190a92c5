/**
 * Everything the combined N-in-1 application/consent form (通報作業民眾同意書) prints, already
 * resolved to display strings. Built from a stored case by the cases service; rendered by
 * electron/services/pdf. Keeping it a plain data shape lets the same form be reprinted from the CLI.
 */
export type ConsentFormItem = {
  /** Catalogue item code, e.g. `N01`. */
  code: string;
  /** 作業項目, e.g. 稅單投遞地址變更. */
  title: string;
  /** Receiving agency's display name, e.g. 高雄市政府地方稅務局. */
  receiverName: string;
  /** Consent sentence from the catalogue, e.g. 本人同意將新址通報稅捐機關變更稅單投遞地址。 */
  consentText: string;
  /** Per-item payload shown as label/value pairs (already formatted, e.g. ROC dates). */
  fields: { label: string; value: string }[];
  /** 'notification' (通報) or 'verification' (檢證). */
  kind: 'notification' | 'verification';
};

export type ConsentFormParticipant = {
  roleLabel: string;
  name: string;
  /** Full ID number (empty for a newborn before registration). */
  id: string;
  birthDate: string;
  /** 關係／稱謂, as given. */
  relation: string;
};

export type ScheduleLine = {
  title: string;
  agency: string;
  /** ROC date (民國115年5月20日), or empty when the law sets no deadline. */
  dueDate: string;
  basis: string;
  /** This visit already notified the agency (本次已通報). */
  sent: boolean;
  note: string;
};

export type ConsentFormModel = {
  caseNo: string;
  officeName: string;
  clerkName: string;
  /** Printed date in ROC form, e.g. 民國115年11月26日. */
  rocDate: string;
  lifeEventName: string;
  person: {
    name: string;
    /** Full ID number: the signed paper form is the citizen's own copy of the consent. */
    id: string;
    birthDate: string;
    phone?: string;
    /** 關係／稱謂 to the person the event is about (the deceased's 子女, the newborn's 父), where the role asks. */
    relation?: string;
  };
  /** The primary participant's role as printed (申請人). */
  personRole: string;
  /** Everyone else the case names (亡者, 新生兒, 父, 母, 戶內人口 …), in the life event's order. */
  participants: ConsentFormParticipant[];
  /** The life event's own fields, labelled and formatted (原住址, 死亡日期 …); addresses span a row. */
  eventFields: { label: string; value: string; span: boolean }[];
  items: ConsentFormItem[];
  /**
   * 後續辦理時程: every remaining matter of the life event with its legal deadline in ROC dates and
   * whether this visit already sent it. Empty when the event keeps no schedule (遷徙).
   */
  schedule: ScheduleLine[];
  /** 一次告知: documents still missing, asked for all at once (救生圈). Empty when none. */
  missingDocuments: string[];
  /** Version of the form wording, printed in the footer so a signed page proves which text was agreed. */
  formVersion: string;
};

/** QR payload printed on every page: the scanning service and barcode scanners parse it back. */
export const formQrPayload = (caseNo: string, page: number, pages: number): string =>
  `NIN1:${caseNo}:${page}/${pages}`;

const QR_PATTERN = /^NIN1:([A-Z0-9-]+):(\d+)\/(\d+)$/;

export const parseFormQrPayload = (text: string): { caseNo: string; page: number; pages: number } | null => {
  const m = QR_PATTERN.exec(text.trim());
  if (!m) return null;
  return { caseNo: m[1]!, page: Number(m[2]), pages: Number(m[3]) };
};
