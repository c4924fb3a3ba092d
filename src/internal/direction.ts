/** Languages written right to left by default (ISO 639 codes, the first subtag of a BCP 47 tag). */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Direction of text in the language `lang` (a BCP 47 tag): `rtl` for Uyghur, Arabic…, else `ltr`. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(lang.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}
