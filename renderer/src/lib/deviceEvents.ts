import { CASE_READERS, CASE_WRITERS } from '../../../shared/auth/roles';
import type { CardPerson, DeviceEvent } from '../../../shared/devices/schema';
import { parseFormQrPayload } from '../../../shared/forms/consentFormModel';
import { LANGUAGE_LABEL, languageForNationality } from '../../../shared/language/languages';
import { formatRocDateShort, maskPersonId } from '../../../shared/validators';
import { fieldId } from './fieldIds';
import { focusedTextField, insertAtCaret, setFieldValue } from './insertText';
import { startWizard } from './startWizard';
import { go } from '../stores/route';
import { useSession } from '../stores/session';
import { toast } from '../stores/toasts';
import { useWizard } from '../stores/wizard';
import { findLifeEvent, type Catalogue } from './catalogue';
import { personKeysOf, type PersonKey } from './participantRows';

/**
 * What the counter does with a device event:
 * - a citizen's card or an ARC/passport MRZ fills the new-case person step (opening a new case from
 *   any other screen), focus on the first field the card could not fill;
 * - a barcode holding a form's case QR opens that case; any other text goes to the focused field;
 * - errors are toasts (the strip keeps the last one).
 * The clerk's own certificate card is handled by the services (the session locks), not here.
 */
export function handleDeviceEvent(e: DeviceEvent): void {
  switch (e.type) {
    case 'card-inserted':
      prefillPerson(e.person);
      return;
    case 'barcode':
      onBarcode(e.text, e.typedByOs);
      return;
    case 'device-error':
      toast.error(e.message);
      return;
    case 'reader-disconnected':
      toast.info(`${e.device.name}已中斷連線`);
      return;
    default:
  }
}

function prefillPerson(person: CardPerson): void {
  const { user } = useSession.getState();
  if (!user || !CASE_WRITERS.includes(user.role) || !person.name) return;
  const wizard = useWizard.getState();
  if (!wizard.active) startWizard();
  const w = useWizard.getState();
  if (!w.active) return;
  // The card holder is the case's primary participant (the first role of the life event).
  w.setParticipant(0, 'id', person.id ?? '');
  w.setParticipant(0, 'name', person.name);
  w.setParticipant(0, 'birthDate', formatRocDateShort(person.birthDate));
  // The document's nationality suggests the printout language (VNM → Tiếng Việt …); the clerk can change it on the last step.
  const language = languageForNationality(person.document?.nationality);
  if (language) w.setLanguage(language);
  const session = useSession.getState();
  const focus = fieldId(`participants[0].${firstEmptyOfPrimary(session.catalogue)}`);
  if (w.step !== 'participants' && session.catalogue) w.goStep('participants', session.catalogue, focus);
  else w.focusOn(focus);
  const source = person.source === 'card' ? '卡片' : '證件機讀區';
  const printed = language ? `；列印語言建議：${LANGUAGE_LABEL[language]}` : '';
  toast.success(person.id ? `已由${source}帶入民眾資料（${maskPersonId(person.id)}）${printed}` : `已由${source}帶入姓名與出生日期；證件未載統一證號，請輸入${printed}`);
}

function onBarcode(text: string, typedByOs: boolean): void {
  const qr = parseFormQrPayload(text);
  const { user } = useSession.getState();
  const field = focusedTextField();
  if (qr && user && CASE_READERS.includes(user.role)) {
    // A wedge scanner also typed the payload into the focused field: take it back out.
    if (typedByOs && field?.value.endsWith(text)) setFieldValue(field, field.value.slice(0, -text.length));
    go({ screen: 'case', caseNo: qr.caseNo });
    toast.info(`已依條碼開啟案件 ${qr.caseNo}（第 ${qr.page}／${qr.pages} 頁）`);
    return;
  }
  if (typedByOs) return; // the OS keyboard already put it where the clerk is
  if (field) insertAtCaret(field, text);
  else toast.info(`已掃描條碼：${text.length > 40 ? `${text.slice(0, 40)}…` : text}`);
}

/** The primary participant's first input the card left empty (after ID, name, birth date: the phone for 遷徙), else its ID. */
function firstEmptyOfPrimary(catalogue: Catalogue | null): PersonKey {
  const w = useWizard.getState();
  const role = catalogue ? findLifeEvent(catalogue, w.lifeEvent)?.participants[0] : undefined;
  const row = w.participants[0];
  if (!role || !row) return 'id';
  return personKeysOf(role).find((k) => row[k].trim() === '') ?? 'id';
}
