import type { ConsentFormItem, ConsentFormModel } from '../../../shared/forms/consentFormModel';

/**
 * Realistic sample data for the consent form: tests, the sample-PDF script and the benchmark.
 * Fictitious person (王小明, the textbook ID A123456789).
 */
const NEW_ADDRESS = '高雄市鳳山區中山西路2號3樓';
const OLD_ADDRESS = '高雄市鳳山區光復路二段132號';

export const SAMPLE_ITEMS: ConsentFormItem[] = [
  {
    code: 'N01',
    title: '稅單投遞地址變更',
    receiverName: '高雄市政府地方稅務局',
    consentText: '本人同意將新址通報稅捐機關，變更房屋稅、地價稅及使用牌照稅等稅單之投遞地址。',
    fields: [
      { label: '變更稅目', value: '房屋稅、地價稅、使用牌照稅' },
      { label: '投遞地址', value: NEW_ADDRESS },
    ],
    kind: 'notification',
  },
  {
    code: 'N02',
    title: '地價稅自用住宅優惠稅率申請',
    receiverName: '高雄市政府地方稅務局',
    consentText:
      '本人同意將戶籍遷入資料提供稅捐機關，申請本人所有之下列土地適用地價稅自用住宅用地優惠稅率（千分之二），並同意稅捐機關查調本人及配偶、直系親屬之戶籍資料。',
    fields: [
      { label: '土地坐落', value: '高雄市鳳山區中山段一小段0123-0000地號' },
      { label: '權利範圍', value: '全部 1/1' },
    ],
    kind: 'notification',
  },
  {
    code: 'N03',
    title: '住址變更登記同意書（地政）',
    receiverName: '高雄市鳳山地政事務所',
    consentText: '本人同意由戶政事務所將住址變更資料通報地政事務所，辦理本人所有土地及建物之所有權人住址變更登記。',
    fields: [
      { label: '登記原因', value: '住址變更' },
      { label: '建物門牌', value: NEW_ADDRESS },
    ],
    kind: 'notification',
  },
  {
    code: 'N04',
    title: '駕照、行照地址更正',
    receiverName: '交通部公路局高雄區監理所',
    consentText: '本人同意將新址通報監理機關，更正本人駕駛執照及名下車輛行車執照之地址。',
    fields: [
      { label: '證照類別', value: '駕駛執照、行車執照' },
      { label: '車牌號碼', value: 'ABC-1234' },
    ],
    kind: 'notification',
  },
  {
    code: 'N05',
    title: '身心障礙證明（手冊）地址變更',
    receiverName: '高雄市政府社會局',
    consentText: '本人同意將新址通報社政機關，變更身心障礙證明（手冊）之戶籍地址及相關福利服務通知地址。',
    fields: [{ label: '證明類別', value: '身心障礙證明' }],
    kind: 'notification',
  },
  {
    code: 'V01',
    title: '辦理戶籍遷入時稅單查證',
    receiverName: '高雄市政府地方稅務局',
    consentText: '本人同意戶政事務所於辦理戶籍遷入時，向稅捐機關查證本人房屋稅及地價稅籍資料，以確認適用稅率。',
    fields: [{ label: '查證項目', value: '房屋稅籍、地價稅籍' }],
    kind: 'verification',
  },
];

const EXTRA_ITEMS: ConsentFormItem[] = [
  {
    code: 'N06',
    title: '全民健康保險投保地址變更',
    receiverName: '衛生福利部中央健康保險署高屏業務組',
    consentText: '本人同意將新址通報健保機關，變更全民健康保險投保及通訊地址。',
    fields: [{ label: '投保類別', value: '第六類地區人口' }],
    kind: 'notification',
  },
  {
    code: 'N07',
    title: '國民年金通訊地址變更',
    receiverName: '勞動部勞工保險局',
    consentText: '本人同意將新址通報勞工保險局，變更國民年金保險之通訊地址。',
    fields: [],
    kind: 'notification',
  },
  {
    code: 'N08',
    title: '自來水用戶地址變更',
    receiverName: '台灣自來水股份有限公司第七區管理處',
    consentText: '本人同意將新址及聯絡資料通報自來水事業單位，辦理用戶通訊地址變更。',
    fields: [{ label: '水號', value: '7-12-345678-9' }],
    kind: 'notification',
  },
  {
    code: 'N09',
    title: '電費帳單寄送地址變更',
    receiverName: '台灣電力股份有限公司鳳山區營業處',
    consentText: '本人同意將新址通報電力事業單位，辦理電費帳單寄送地址變更。',
    fields: [{ label: '電號', value: '07-12-3456-78-9' }],
    kind: 'notification',
  },
  {
    code: 'N10',
    title: '兵役役男通訊地址變更',
    receiverName: '高雄市政府兵役處',
    consentText: '本人同意將新址通報兵役機關，變更役男徵兵處理之通訊地址。',
    fields: [],
    kind: 'notification',
  },
  {
    code: 'V02',
    title: '低收入戶及中低收入戶資格查證',
    receiverName: '高雄市鳳山區公所',
    consentText: '本人同意戶政事務所向社政機關查證本人低收入戶、中低收入戶資格，並由區公所辦理遷入後之資格續審。',
    fields: [{ label: '查證類別', value: '中低收入戶' }],
    kind: 'verification',
  },
];

export const sampleConsentFormModel = (itemCount = 6): ConsentFormModel => {
  const pool = [...SAMPLE_ITEMS, ...EXTRA_ITEMS];
  const items: ConsentFormItem[] = [];
  for (let i = 0; i < itemCount; i++) {
    const base = pool[i % pool.length]!;
    items.push(i < pool.length ? base : { ...base, code: `${base.code}-${Math.floor(i / pool.length) + 1}` });
  }
  return {
    caseNo: 'KHF1-1151126-0007',
    officeName: '高雄市鳳山區戶政事務所',
    clerkName: '陳美玲',
    rocDate: '民國115年11月26日',
    lifeEventName: '遷徙',
    person: {
      name: '王小明',
      id: 'A123456789',
      birthDate: '民國74年3月15日',
      phone: '0912-345-678',
    },
    personRole: '申請人',
    participants: [],
    // 遷徙's two addresses are event fields since issue 12; the form prints them as before, one row each.
    eventFields: [
      { label: '原住址', value: OLD_ADDRESS, span: true },
      { label: '新住址', value: NEW_ADDRESS, span: true },
    ],
    items,
    schedule: [],
    missingDocuments: [],
    formVersion: 'N1-CF-115.11',
  };
};
