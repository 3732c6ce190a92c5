/** 0912345678 → 0912***678, the same shape the services use on case screens and receipts. */
export const maskPhone = (phone: string): string => {
  const p = phone.trim();
  return p.length <= 6 ? '*'.repeat(p.length) : `${p.slice(0, 4)}${'*'.repeat(p.length - 7)}${p.slice(-3)}`;
};
