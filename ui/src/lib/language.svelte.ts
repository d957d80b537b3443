//! The UI language as Svelte state. `t`, `formatLocale` and everything built on them read it, so
//! changing it re-renders every translated text in place (no reload: forms keep what is typed).

/** Every UI language; `en-XA` is the pseudo-locale, a test aid that the pickers never offer. */
export type UiLanguage = "ar" | "en" | "es" | "fr" | "ru" | "zh" | "en-XA";

export const languageState: { current: UiLanguage } = $state({ current: "en" });
