import { v7 as uuidv7 } from 'uuid';
import type { NotificationEnvelope } from '../../shared/platform/wire';

let seq = 0;

/** A valid N01 稅單投遞地址變更 notification from the demo office, overridable field by field. */
export function notificationEnvelope(over: Partial<NotificationEnvelope> = {}): NotificationEnvelope {
  seq++;
  return {
    id: uuidv7(),
    // A case number belongs to its office (the platform refuses a prefix other than the token's office).
    caseNo: `${over.officeCode ?? 'FS01'}-1151126-${String(seq % 10000).padStart(4, '0')}`,
    officeCode: 'FS01',
    workstationId: 'FS01-W01',
    senderAgency: 'KH-HR-FS',
    receiverAgency: 'KH-TAX',
    itemCode: 'N01',
    kind: 'notification',
    payload: { mailingAddress: '高雄市鳳山區光復路二段132號', taxTypes: '全部稅目' },
    person: { id: 'A123456789', name: '王小明' },
    localSeq: seq,
    // A counter clock a day ahead: informational only, must never matter.
    createdAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...over,
  };
}

/** A V01 稅單查證 verification request (answered by KH-TAX). */
export const verificationEnvelope = (over: Partial<NotificationEnvelope> = {}): NotificationEnvelope =>
  notificationEnvelope({
    itemCode: 'V01',
    kind: 'verification',
    payload: { houseAddress: '高雄市鳳山區光復路二段132號', houseOwner: '王大明', question: '房屋稅繳納情形' },
    ...over,
  });

/** Other items for routing and statistics tests. */
export const n04LandEnvelope = (over: Partial<NotificationEnvelope> = {}): NotificationEnvelope =>
  notificationEnvelope({ itemCode: 'N04', receiverAgency: 'KH-LAND-FS', payload: { changeType: '住址變更', registeredAddress: '高雄市鳳山區光復路二段132號' }, ...over });
