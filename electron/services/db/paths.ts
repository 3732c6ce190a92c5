/**
 * Where a counter database keeps its scanned pages and attachment PDFs: `<db file>.files/`, next to
 * the database. The ONE place this is derived (the scanning store, backup and restore all ask
 * here): the desktop shell once backed up a different folder and every backup silently lacked the
 * signed consent forms (issue 13).
 */
export const filesDirFor = (dbFile: string): string => `${dbFile}.files`;
