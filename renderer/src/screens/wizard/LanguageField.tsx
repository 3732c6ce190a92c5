import { LANGUAGES, LANGUAGE_LABEL, isLanguage } from '../../../../shared/language/languages';
import { useWizard } from '../../stores/wizard';

/**
 * The citizen's language for the consent form, receipt and slips: Traditional Chinese stays the
 * legal original and the chosen language is printed beside it. A resident certificate's MRZ
 * suggests one (shared/language); the clerk asks the citizen and can change it here.
 */
export function LanguageField() {
  const language = useWizard((s) => s.language);
  const setLanguage = useWizard((s) => s.setLanguage);
  return (
    <div className="field">
      <label className="field__label" htmlFor="wizard-language">
        民眾閱讀語言（列印雙語同意書及收執聯）
      </label>
      <select
        id="wizard-language"
        className="input select"
        value={language ?? 'zh-TW'}
        aria-describedby="wizard-language-help"
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l === 'zh-TW' ? 'zh-Hant-TW' : l}>
            {LANGUAGE_LABEL[l]}
          </option>
        ))}
      </select>
      <p id="wizard-language-help" className="field__help">
        中文為法定正本，所選語言印於其旁或下方；讀取居留證機讀區時依國籍建議。
      </p>
    </div>
  );
}
