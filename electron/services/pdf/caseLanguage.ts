import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../../shared/language/languages';

/** The printout language a stored case asks for (cases.language; NULL or an unknown code: Chinese only). */
export const caseLanguage = (stored: string | null | undefined): Language => (isLanguage(stored) ? stored : DEFAULT_LANGUAGE);
