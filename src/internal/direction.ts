/** Languages whose text is written right to left (ISO 639 codes, in BCP 47 tags). */
const RTL = /^(ar|arc|ckb|dv|fa|he|ks|ku|ps|sd|syr|ug|ur|yi)(-|$)/i;

/** Direction of text in the language `lang` (a BCP 47 tag): `rtl` for Uyghur, Arabic…, else `ltr`. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  return RTL.test(lang) ? 'rtl' : 'ltr';
}
