/** Demo accounts and their reviews, for the embedded demo only (the README lists the password). */
import type { UserRole } from "../schema";

export const DEMO_PASSWORD = "reelrank-demo";

export type DemoUser = { name: string; handle: string; email: string; role: UserRole };
export type DemoReview = {
  handle: string;
  film: string;
  stars: number;
  body?: string;
  spoilers?: boolean;
  watchedOn?: string;
};

export const demoUsers: DemoUser[] = [
  { name: "Min-ji", handle: "minji", email: "minji@demo.reelrank.test", role: "viewer" },
  { name: "Tomás", handle: "tomas", email: "tomas@demo.reelrank.test", role: "viewer" },
  { name: "Priya", handle: "priya", email: "priya@demo.reelrank.test", role: "viewer" },
  { name: "Jo (editor)", handle: "jo_editor", email: "editor@demo.reelrank.test", role: "editor" },
  {
    name: "Sam (moderator)",
    handle: "sam_mod",
    email: "moderator@demo.reelrank.test",
    role: "moderator",
  },
  { name: "Alex (admin)", handle: "alex_admin", email: "admin@demo.reelrank.test", role: "admin" },
];

export const demoReviews: DemoReview[] = [
  {
    handle: "minji",
    film: "ballerina-2023",
    stars: 4.5,
    body: "전종서 is ferocious. The fights are staged like dances, and the neon-soaked Seoul nights look incredible.\n\nThe story is thin, but it knows exactly what it wants to be.",
    watchedOn: "2023-10-07",
  },
  {
    handle: "tomas",
    film: "ballerina-2023",
    stars: 3.5,
    body: "Stylish revenge thriller. The ending goes exactly where you think it will, and the villain's last scene is worth the wait.",
    spoilers: true,
  },
  { handle: "priya", film: "ballerina-2023", stars: 4 },
  {
    handle: "minji",
    film: "the-conference-2023",
    stars: 3,
    body: "Team building, but make it a slasher. Very Swedish, very funny.",
  },
  {
    handle: "priya",
    film: "jaane-jaan-2023",
    stars: 4,
    body: "Jaideep Ahlawat steals every scene as the quiet maths teacher.",
  },
  {
    handle: "tomas",
    film: "nowhere-2023",
    stars: 3.5,
    body: "Anna Castillo carries the whole film inside one shipping container.",
  },
  {
    handle: "sam_mod",
    film: "fair-play-2023",
    stars: 4,
    body: "Tense from the first scene to the last.",
  },
];
