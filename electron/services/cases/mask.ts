import { maskPersonId } from '../../../shared/validators';

export { maskPersonId };

/** 0912345678 → 0912***678: enough for the clerk to confirm with the citizen, not to copy. */
export const maskPhone = (phone: string): string =>
  phone.length <= 6 ? '*'.repeat(phone.length) : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 7)}${phone.slice(-3)}`;
