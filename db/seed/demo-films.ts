/**
 * Hand-written demo catalogue: films that were on Netflix's weekly Top 10 film lists in October 2023
 * (and the other "Ballerina", to show that titles are not unique). Facts are written out here in
 * the project's own format; nothing is copied from a data file.
 */
import type { CreditRole } from "../schema";

export type DemoPerson = { name: string; nativeName?: string };
export type DemoCredit = { person: string; role: CreditRole; character?: string };
export type DemoFilm = {
  title: string;
  originalTitle?: string;
  year: number;
  releaseDate?: string;
  runtimeMinutes: number;
  originalLanguage: string;
  country: string;
  synopsis: string;
  credits: DemoCredit[];
};

export const demoPeople: DemoPerson[] = [
  { name: "Lee Chung Hyun", nativeName: "이충현" },
  { name: "Jeon Jong Seo", nativeName: "전종서" },
  { name: "Kim Ji Hoon", nativeName: "김지훈" },
  { name: "Park Yoo Rim", nativeName: "박유림" },
  { name: "Eric Summer" },
  { name: "Éric Warin" },
  { name: "Elle Fanning" },
  { name: "Dane DeHaan" },
  { name: "Carly Rae Jepsen" },
  { name: "Maddie Ziegler" },
  { name: "Albert Pintó" },
  { name: "Anna Castillo" },
  { name: "Tamar Novas" },
  { name: "Michał Gazda" },
  { name: "Leszek Lichota" },
  { name: "Maria Kowalska" },
  { name: "Ignacy Liss" },
  { name: "Patrik Eklund" },
  { name: "Katia Winter" },
  { name: "Adam Lundgren" },
  { name: "Chloe Domont" },
  { name: "Phoebe Dynevor" },
  { name: "Alden Ehrenreich" },
  { name: "Eddie Marsan" },
  { name: "Grant Singer" },
  { name: "Benjamin Brewer" },
  { name: "Benicio del Toro" },
  { name: "Justin Timberlake" },
  { name: "Alicia Silverstone" },
  { name: "Bill Burr" },
  { name: "Ben Tishler" },
  { name: "Bobby Cannavale" },
  { name: "Bokeem Woodbine" },
  { name: "David Yates" },
  { name: "Wells Tower" },
  { name: "Emily Blunt" },
  { name: "Chris Evans" },
  { name: "Andy García" },
  { name: "Paco Plaza" },
  { name: "Jorge Guerricaechevarría" },
  { name: "Aria Bedmar" },
  { name: "Maru Valdivielso" },
  { name: "Almudena Amor" },
  { name: "John Andreas Andersen" },
  { name: "Kristoffer Joner" },
  { name: "Ane Dahl Torp" },
  { name: "Vishal Bhardwaj" },
  { name: "Tabu" },
  { name: "Ali Fazal" },
  { name: "Wamiqa Gabbi" },
  { name: "Sujoy Ghosh" },
  { name: "Kareena Kapoor Khan" },
  { name: "Jaideep Ahlawat" },
  { name: "Vijay Varma" },
  { name: "Mark Waters" },
  { name: "Tina Fey" },
  { name: "Lindsay Lohan" },
  { name: "Rachel McAdams" },
];

export const demoFilms: DemoFilm[] = [
  {
    title: "Ballerina",
    originalTitle: "발레리나",
    year: 2023,
    releaseDate: "2023-10-06",
    runtimeMinutes: 92,
    originalLanguage: "ko",
    country: "KR",
    synopsis:
      "A former bodyguard sets out to avenge her friend, a ballerina driven to her death by a man who preys on young women.",
    credits: [
      { person: "Lee Chung Hyun", role: "director" },
      { person: "Lee Chung Hyun", role: "writer" },
      { person: "Jeon Jong Seo", role: "cast", character: "Ok-ju" },
      { person: "Kim Ji Hoon", role: "cast", character: "Choi Pro" },
      { person: "Park Yoo Rim", role: "cast", character: "Min-hee" },
    ],
  },
  {
    title: "Ballerina",
    year: 2016,
    releaseDate: "2016-12-14",
    runtimeMinutes: 89,
    originalLanguage: "en",
    country: "FR",
    synopsis:
      "An animated adventure: an orphan girl in 1880s Brittany runs away to Paris, dreaming of dancing at the Opera.",
    credits: [
      { person: "Eric Summer", role: "director" },
      { person: "Éric Warin", role: "director" },
      { person: "Elle Fanning", role: "cast", character: "Félicie (voice)" },
      { person: "Dane DeHaan", role: "cast", character: "Victor (voice)" },
      { person: "Carly Rae Jepsen", role: "cast", character: "Odette (voice)" },
      { person: "Maddie Ziegler", role: "cast", character: "Camille (voice)" },
    ],
  },
  {
    title: "Nowhere",
    year: 2023,
    releaseDate: "2023-09-29",
    runtimeMinutes: 109,
    originalLanguage: "es",
    country: "ES",
    synopsis:
      "A pregnant woman fleeing a totalitarian Spain is separated from her husband and left adrift at sea in a shipping container.",
    credits: [
      { person: "Albert Pintó", role: "director" },
      { person: "Anna Castillo", role: "cast", character: "Mia" },
      { person: "Tamar Novas", role: "cast", character: "Nico" },
    ],
  },
  {
    title: "Forgotten Love",
    originalTitle: "Znachor",
    year: 2023,
    releaseDate: "2023-09-20",
    runtimeMinutes: 140,
    originalLanguage: "pl",
    country: "PL",
    synopsis:
      "A renowned surgeon loses his memory and his family, and years later lives as a village healer, not knowing who he was.",
    credits: [
      { person: "Michał Gazda", role: "director" },
      { person: "Leszek Lichota", role: "cast", character: "Rafał Wilczur" },
      { person: "Maria Kowalska", role: "cast", character: "Marysia" },
      { person: "Ignacy Liss", role: "cast", character: "Leszek Czyński" },
    ],
  },
  {
    title: "The Conference",
    originalTitle: "Konferensen",
    year: 2023,
    releaseDate: "2023-10-13",
    runtimeMinutes: 100,
    originalLanguage: "sv",
    country: "SE",
    synopsis:
      "A team-building retreat for municipal employees turns into a fight for survival when a masked killer joins in.",
    credits: [
      { person: "Patrik Eklund", role: "director" },
      { person: "Katia Winter", role: "cast", character: "Lina" },
      { person: "Adam Lundgren", role: "cast", character: "Jonas" },
    ],
  },
  {
    title: "Fair Play",
    year: 2023,
    releaseDate: "2023-10-06",
    runtimeMinutes: 113,
    originalLanguage: "en",
    country: "US",
    synopsis:
      "A promotion at a cutthroat hedge fund pushes a young couple's secret relationship to the brink.",
    credits: [
      { person: "Chloe Domont", role: "director" },
      { person: "Chloe Domont", role: "writer" },
      { person: "Phoebe Dynevor", role: "cast", character: "Emily" },
      { person: "Alden Ehrenreich", role: "cast", character: "Luke" },
      { person: "Eddie Marsan", role: "cast", character: "Campbell" },
    ],
  },
  {
    title: "Reptile",
    year: 2023,
    releaseDate: "2023-09-29",
    runtimeMinutes: 134,
    originalLanguage: "en",
    country: "US",
    synopsis:
      "A hardened detective investigating the murder of a young real estate agent starts to doubt the people around him.",
    credits: [
      { person: "Grant Singer", role: "director" },
      { person: "Grant Singer", role: "writer" },
      { person: "Benjamin Brewer", role: "writer" },
      { person: "Benicio del Toro", role: "writer" },
      { person: "Benicio del Toro", role: "cast", character: "Tom Nichols" },
      { person: "Justin Timberlake", role: "cast", character: "Will Grady" },
      { person: "Alicia Silverstone", role: "cast", character: "Judy Nichols" },
    ],
  },
  {
    title: "Old Dads",
    year: 2023,
    releaseDate: "2023-10-20",
    runtimeMinutes: 104,
    originalLanguage: "en",
    country: "US",
    synopsis:
      "Three friends who sold their company try to keep up with a world of millennial bosses, preschool politics and late fatherhood.",
    credits: [
      { person: "Bill Burr", role: "director" },
      { person: "Bill Burr", role: "writer" },
      { person: "Ben Tishler", role: "writer" },
      { person: "Bill Burr", role: "cast", character: "Jack Kelly" },
      { person: "Bobby Cannavale", role: "cast", character: "Connor" },
      { person: "Bokeem Woodbine", role: "cast", character: "Mike" },
    ],
  },
  {
    title: "Pain Hustlers",
    year: 2023,
    releaseDate: "2023-10-27",
    runtimeMinutes: 122,
    originalLanguage: "en",
    country: "US",
    synopsis:
      "A single mother takes a job at a failing drug start-up and helps turn it into a fortune built on a dangerous scheme.",
    credits: [
      { person: "David Yates", role: "director" },
      { person: "Wells Tower", role: "writer" },
      { person: "Emily Blunt", role: "cast", character: "Liza Drake" },
      { person: "Chris Evans", role: "cast", character: "Pete Brenner" },
      { person: "Andy García", role: "cast", character: "Jack Neel" },
    ],
  },
  {
    title: "Sister Death",
    originalTitle: "Hermana Muerte",
    year: 2023,
    releaseDate: "2023-10-27",
    runtimeMinutes: 90,
    originalLanguage: "es",
    country: "ES",
    synopsis:
      "In post-war Spain, a novice with a miraculous past starts teaching at a convent school where something is very wrong.",
    credits: [
      { person: "Paco Plaza", role: "director" },
      { person: "Jorge Guerricaechevarría", role: "writer" },
      { person: "Aria Bedmar", role: "cast", character: "Narcisa" },
      { person: "Maru Valdivielso", role: "cast", character: "Sister Julia" },
      { person: "Almudena Amor", role: "cast", character: "Sister Rita" },
    ],
  },
  {
    title: "The Quake",
    originalTitle: "Skjelvet",
    year: 2018,
    releaseDate: "2018-08-31",
    runtimeMinutes: 106,
    originalLanguage: "no",
    country: "NO",
    synopsis:
      "A geologist who predicted one disaster fears that Oslo is about to be struck by a devastating earthquake.",
    credits: [
      { person: "John Andreas Andersen", role: "director" },
      { person: "Kristoffer Joner", role: "cast", character: "Kristian Eikjord" },
      { person: "Ane Dahl Torp", role: "cast", character: "Idun Karlsen" },
    ],
  },
  {
    title: "Khufiya",
    year: 2023,
    releaseDate: "2023-10-05",
    runtimeMinutes: 157,
    originalLanguage: "hi",
    country: "IN",
    synopsis:
      "An Indian intelligence operative hunts for the mole who is selling defence secrets to a foreign power.",
    credits: [
      { person: "Vishal Bhardwaj", role: "director" },
      { person: "Tabu", role: "cast", character: "Krishna Mehra" },
      { person: "Ali Fazal", role: "cast", character: "Ravi Mohan" },
      { person: "Wamiqa Gabbi", role: "cast", character: "Charu" },
    ],
  },
  {
    title: "Jaane Jaan",
    year: 2023,
    releaseDate: "2023-09-21",
    runtimeMinutes: 139,
    originalLanguage: "hi",
    country: "IN",
    synopsis:
      "A single mother suspected of murder finds an unlikely protector in her neighbour, a quiet maths teacher.",
    credits: [
      { person: "Sujoy Ghosh", role: "director" },
      { person: "Kareena Kapoor Khan", role: "cast", character: "Maya D'Souza" },
      { person: "Jaideep Ahlawat", role: "cast", character: "Naren" },
      { person: "Vijay Varma", role: "cast", character: "Karan Anand" },
    ],
  },
  {
    title: "Mean Girls",
    year: 2004,
    releaseDate: "2004-04-30",
    runtimeMinutes: 97,
    originalLanguage: "en",
    country: "US",
    synopsis:
      "A teenager raised in Africa starts at an American high school and falls in with its most exclusive clique.",
    credits: [
      { person: "Mark Waters", role: "director" },
      { person: "Tina Fey", role: "writer" },
      { person: "Lindsay Lohan", role: "cast", character: "Cady Heron" },
      { person: "Rachel McAdams", role: "cast", character: "Regina George" },
      { person: "Tina Fey", role: "cast", character: "Ms. Norbury" },
    ],
  },
];
