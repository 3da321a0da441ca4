/**
 * A BCP-47 language tag for text in a script that needs one to render right (Hangul, kana, Thai…),
 * so browsers pick fitting fonts and line breaking. Latin text gets none.
 */
export function langForText(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  if (/\p{Script=Hangul}/u.test(text)) return "ko";
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return "ja";
  if (/\p{Script=Han}/u.test(text)) return "zh";
  if (/\p{Script=Thai}/u.test(text)) return "th";
  if (/\p{Script=Devanagari}/u.test(text)) return "hi";
  if (/\p{Script=Arabic}/u.test(text)) return "ar";
  if (/\p{Script=Hebrew}/u.test(text)) return "he";
  if (/\p{Script=Cyrillic}/u.test(text)) return "ru";
  return undefined;
}
