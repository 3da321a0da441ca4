/**
 * Words for the scale generator's users, reviews and comments, in several scripts: English,
 * Spanish (with its accents), Korean (Hangul) and Japanese, with some emoji.
 */
import type { Random } from "./random";

export type Language = "en" | "es" | "ko" | "ja";

const EN_WORDS = (
  "the a an this that it film movie story ending cast director plot pacing score music " +
  "scene scenes acting performance twist script camera shot visuals character characters lead " +
  "was is felt really truly quite very so too not never always just still even " +
  "great good fine solid decent brilliant beautiful stunning gripping tense slow boring messy " +
  "predictable clever funny sad dark bleak charming heartfelt overlong rushed gorgeous weird " +
  "loved liked enjoyed hated watched rewatched expected cried laughed screamed waited " +
  "with without for about after before during and but or because although while " +
  "night weekend couch friends family partner kids netflix trailer hype sequel remake " +
  "first half second third act finale opening hour minutes runtime subtitles dub " +
  "worth time better worse best worst ever year"
).split(" ");

const ES_WORDS = (
  "la el una un esta este película historia final reparto dirección guion ritmo música " +
  "escena actuación giro cámara fotografía personaje protagonista fue es parecía muy " +
  "bastante demasiado nunca siempre también todavía además increíble buenísima aburrida " +
  "lenta emocionante preciosa oscura divertida triste predecible genial sorprendente " +
  "me encantó gustó odié vi lloré reí esperaba con sin para sobre después antes durante " +
  "y pero porque aunque mientras noche fin de semana sofá amigos familia niños tráiler " +
  "secuela acción corazón canción año mejor peor vale la pena qué cómo más menos así"
).split(" ");

const KO_WORDS = (
  "영화 이 그 정말 진짜 너무 완전 조금 별로 최고 최악 배우 연기 감독 연출 각본 스토리 " +
  "결말 반전 음악 장면 액션 분위기 긴장감 감동 재미 지루함 시간 주말 친구 가족 " +
  "넷플릭스 예고편 속편 기대 이상 이하 보고 봤어요 좋았어요 아쉬웠어요 울었어요 웃었어요 " +
  "추천 합니다 다시 볼 거예요 그리고 하지만 그래서 마지막 처음 중간 캐릭터 주인공 " +
  "영상미 편집 대사 몰입감 여운 남는 올해의 인생 작품"
).split(" ");

const JA_WORDS = (
  "映画 この その 本当に とても すごく 少し あまり 最高 最悪 俳優 演技 監督 演出 脚本 " +
  "物語 結末 どんでん返し 音楽 場面 アクション 雰囲気 緊張感 感動 面白さ 退屈 時間 週末 " +
  "友達 家族 ネットフリックス 予告編 続編 期待 以上 以下 観て 観ました 良かった " +
  "残念だった 泣いた 笑った おすすめ します また 観たい そして でも だから 最後 最初 " +
  "途中 キャラクター 主人公 映像美 編集 台詞 没入感 余韻 今年の 人生の 作品 です"
).split(" ");

const EMOJI = ["🎬", "🍿", "😭", "🔥", "👏", "❤️", "😂", "🤯", "⭐", "💀", "🥹", "👀"];

const SHORT: Record<Language, string[]> = {
  en: ["Loved it.", "Meh.", "Not for me.", "Instant classic.", "Fell asleep.", "Wow.", "So good!"],
  es: ["Me encantó.", "Ni fu ni fa.", "Qué película.", "Muy lenta.", "¡Obra maestra!"],
  ko: ["최고!", "별로였어요.", "인생 영화.", "그냥 그래요.", "또 보고 싶어요."],
  ja: ["最高！", "微妙でした。", "泣いた。", "もう一回観たい。", "普通。"],
};

const WORDS: Record<Language, string[]> = {
  en: EN_WORDS,
  es: ES_WORDS,
  ko: KO_WORDS,
  ja: JA_WORDS,
};

function sentence(rng: Random, language: Language, words: number): string {
  const list = WORDS[language];
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(rng.pick(list));
  if (language === "ja") return `${parts.join("")}${rng.chance(0.8) ? "。" : "！"}`;
  let text = parts.join(" ");
  if (language === "en" || language === "es") text = text[0]!.toUpperCase() + text.slice(1);
  const end = rng.chance(0.8) ? "." : rng.chance(0.5) ? "!" : "?";
  if (language === "es" && end !== ".") return `${end === "!" ? "¡" : "¿"}${text}${end}`;
  return text + end;
}

/**
 * Text of about `words` words (Japanese: word-sized phrases), cut at `maxChars`, sometimes with
 * emoji and paragraph breaks.
 */
export function makeText(rng: Random, language: Language, words: number, maxChars: number): string {
  if (words <= 3) return rng.pick(SHORT[language]);
  const paragraphs: string[] = [];
  let current: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 4 + rng.int(14));
    current.push(sentence(rng, language, n));
    left -= n;
    if (current.length >= 3 + rng.int(4)) {
      paragraphs.push(current.join(language === "ja" ? "" : " "));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(language === "ja" ? "" : " "));
  let text = paragraphs.join("\n\n");
  if (rng.chance(0.1)) text += ` ${rng.pick(EMOJI)}${rng.chance(0.4) ? rng.pick(EMOJI) : ""}`;
  if (text.length > maxChars) {
    // never split a surrogate pair (an emoji) in two
    let cut = maxChars;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    text = text.slice(0, cut).trimEnd();
  }
  return text;
}

// ── Names: [as written, romanised for the handle] ─────────────────────────────────────────

const EN_FIRST =
  "James Olivia Liam Emma Noah Ava Ethan Mia Lucas Chloe Mason Grace Leo Ruby Owen Zoe Jack Ella Henry Isla Sam Priya Aiden Nora Caleb Hazel Theo Ivy Max Maya".split(
    " ",
  );
const EN_LAST =
  "Smith Johnson Brown Taylor Walker Harris Clarke Lewis Young King Wright Hall Green Baker Adams Nelson Carter Mitchell Patel Reid Murphy Kelly Bennett Hughes Ford".split(
    " ",
  );
const ES_FIRST: [string, string][] = [
  ["José", "jose"],
  ["María", "maria"],
  ["Sofía", "sofia"],
  ["Andrés", "andres"],
  ["Lucía", "lucia"],
  ["Martín", "martin"],
  ["Inés", "ines"],
  ["Raúl", "raul"],
  ["Begoña", "begona"],
  ["Tomás", "tomas"],
  ["Valentina", "valentina"],
  ["Joaquín", "joaquin"],
];
const ES_LAST: [string, string][] = [
  ["García", "garcia"],
  ["Núñez", "nunez"],
  ["Peña", "pena"],
  ["Martínez", "martinez"],
  ["López", "lopez"],
  ["Ibáñez", "ibanez"],
  ["Gómez", "gomez"],
  ["Fernández", "fernandez"],
  ["Muñoz", "munoz"],
  ["Rodríguez", "rodriguez"],
];
const KO_FAMILY: [string, string][] = [
  ["김", "kim"],
  ["이", "lee"],
  ["박", "park"],
  ["최", "choi"],
  ["정", "jung"],
  ["강", "kang"],
  ["조", "cho"],
  ["윤", "yoon"],
  ["장", "jang"],
  ["한", "han"],
];
const KO_GIVEN: [string, string][] = [
  ["민지", "minji"],
  ["서준", "seojun"],
  ["지우", "jiwoo"],
  ["하은", "haeun"],
  ["도윤", "doyoon"],
  ["수아", "sua"],
  ["예준", "yejun"],
  ["지민", "jimin"],
  ["서연", "seoyeon"],
  ["현우", "hyunwoo"],
  ["유나", "yuna"],
  ["태희", "taehee"],
];
const JA_FAMILY: [string, string][] = [
  ["佐藤", "sato"],
  ["鈴木", "suzuki"],
  ["高橋", "takahashi"],
  ["田中", "tanaka"],
  ["伊藤", "ito"],
  ["渡辺", "watanabe"],
  ["山本", "yamamoto"],
  ["中村", "nakamura"],
  ["小林", "kobayashi"],
  ["加藤", "kato"],
];
const JA_GIVEN: [string, string][] = [
  ["花子", "hanako"],
  ["蓮", "ren"],
  ["陽翔", "haruto"],
  ["結衣", "yui"],
  ["大翔", "hiroto"],
  ["さくら", "sakura"],
  ["悠真", "yuma"],
  ["美咲", "misaki"],
  ["翔太", "shota"],
  ["葵", "aoi"],
];
const HANDLE_WORDS =
  "film cine movie reel popcorn critic watcher binge night owl fan buff screen frame".split(" ");

/** A display name in some script and the ASCII base of a handle for it. */
export function makePerson(rng: Random, language: Language): { name: string; base: string } {
  let name: string;
  let first: string;
  let last: string;
  switch (language) {
    case "en": {
      first = rng.pick(EN_FIRST);
      last = rng.pick(EN_LAST);
      name = `${first} ${last}`;
      first = first.toLowerCase();
      last = last.toLowerCase();
      break;
    }
    case "es": {
      const f = rng.pick(ES_FIRST);
      const l = rng.pick(ES_LAST);
      name = `${f[0]} ${l[0]}`;
      [first, last] = [f[1], l[1]];
      break;
    }
    case "ko": {
      const f = rng.pick(KO_FAMILY);
      const g = rng.pick(KO_GIVEN);
      name = `${f[0]}${g[0]}`;
      [first, last] = [g[1], f[1]];
      break;
    }
    case "ja": {
      const f = rng.pick(JA_FAMILY);
      const g = rng.pick(JA_GIVEN);
      name = `${f[0]} ${g[0]}`;
      [first, last] = [g[1], f[1]];
      break;
    }
  }
  const style = rng.int(4);
  const base =
    style === 0
      ? `${first}_${last}`
      : style === 1
        ? `${first}${last}`
        : style === 2
          ? `${first}_${rng.pick(HANDLE_WORDS)}`
          : `${rng.pick(HANDLE_WORDS)}_${first}`;
  // an occasional emoji in the display name, as people do
  if (rng.chance(0.03)) name = `${name} ${rng.pick(EMOJI)}`;
  return { name, base: base.slice(0, 15) };
}
