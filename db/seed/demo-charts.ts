/**
 * The demo films' weeks on Netflix's global Top 10 lists, written out by hand from Netflix's
 * published figures (Source: Netflix Top 10). Only the demo films' own rows: a demo chart week
 * shows just those. Hours and views are as Netflix rounds them; runtime is Netflix's, in hours.
 */
import type { ListSlug } from "../../lib/top10/lists";

export type DemoChartWeek = {
  week: string;
  rank: number;
  hours: number;
  views: number;
  weeks: number;
  countries?: number;
};
export type DemoChartRun = {
  film: string;
  list: ListSlug;
  runtimeHours: number;
  weeks: DemoChartWeek[];
};

const M = 1_000_000;

export const demoChartRuns: DemoChartRun[] = [
  {
    film: "ballerina-2023",
    list: "films-non-english",
    runtimeHours: 1.5667,
    weeks: [
      { week: "2023-10-08", rank: 3, hours: 15.8 * M, views: 10.1 * M, weeks: 1 },
      { week: "2023-10-15", rank: 1, hours: 23.1 * M, views: 14.7 * M, weeks: 2, countries: 89 },
      { week: "2023-10-22", rank: 3, hours: 6.6 * M, views: 4.2 * M, weeks: 3 },
      { week: "2023-10-29", rank: 10, hours: 3.1 * M, views: 2.0 * M, weeks: 4 },
      { week: "2023-11-05", rank: 10, hours: 2.0 * M, views: 1.3 * M, weeks: 5 },
    ],
  },
  {
    film: "ballerina-2016",
    list: "films-english",
    runtimeHours: 1.4833,
    weeks: [{ week: "2024-03-03", rank: 10, hours: 4.3 * M, views: 2.9 * M, weeks: 1 }],
  },
  {
    film: "nowhere-2023",
    list: "films-non-english",
    runtimeHours: 1.8167,
    weeks: [
      { week: "2023-10-01", rank: 1, hours: 43.2 * M, views: 23.8 * M, weeks: 1 },
      { week: "2023-10-08", rank: 1, hours: 54.4 * M, views: 29.9 * M, weeks: 2 },
      { week: "2023-10-15", rank: 2, hours: 23.9 * M, views: 13.2 * M, weeks: 3 },
      { week: "2023-10-22", rank: 2, hours: 9.1 * M, views: 5.0 * M, weeks: 4 },
      { week: "2023-10-29", rank: 7, hours: 4.6 * M, views: 2.5 * M, weeks: 5 },
      { week: "2023-11-05", rank: 5, hours: 3.6 * M, views: 2.0 * M, weeks: 6 },
    ],
  },
  {
    film: "forgotten-love-2023",
    list: "films-non-english",
    runtimeHours: 2.3333,
    weeks: [
      { week: "2023-10-01", rank: 2, hours: 27.8 * M, views: 11.9 * M, weeks: 1 },
      { week: "2023-10-08", rank: 2, hours: 24.5 * M, views: 10.5 * M, weeks: 2 },
      { week: "2023-10-15", rank: 4, hours: 15.8 * M, views: 6.8 * M, weeks: 3 },
      { week: "2023-10-22", rank: 5, hours: 8.3 * M, views: 3.6 * M, weeks: 4 },
      { week: "2023-10-29", rank: 9, hours: 4.8 * M, views: 2.1 * M, weeks: 5 },
      { week: "2023-11-05", rank: 6, hours: 3.9 * M, views: 1.7 * M, weeks: 6 },
    ],
  },
  {
    film: "the-conference-2023",
    list: "films-non-english",
    runtimeHours: 1.6667,
    weeks: [
      { week: "2023-10-15", rank: 3, hours: 12.7 * M, views: 7.6 * M, weeks: 1 },
      { week: "2023-10-22", rank: 1, hours: 10.9 * M, views: 6.5 * M, weeks: 2 },
    ],
  },
  {
    film: "sister-death-2023",
    list: "films-non-english",
    runtimeHours: 1.5167,
    weeks: [
      { week: "2023-10-29", rank: 2, hours: 9.4 * M, views: 6.2 * M, weeks: 1 },
      { week: "2023-11-05", rank: 3, hours: 9.3 * M, views: 6.1 * M, weeks: 2 },
    ],
  },
  {
    film: "the-quake-2018",
    list: "films-non-english",
    runtimeHours: 1.7167,
    weeks: [
      { week: "2023-10-22", rank: 4, hours: 6.4 * M, views: 3.7 * M, weeks: 1 },
      { week: "2023-10-29", rank: 3, hours: 6.2 * M, views: 3.6 * M, weeks: 2 },
    ],
  },
  {
    film: "khufiya-2023",
    list: "films-non-english",
    runtimeHours: 2.65,
    weeks: [
      { week: "2023-10-08", rank: 5, hours: 13.2 * M, views: 5.0 * M, weeks: 1 },
      { week: "2023-10-15", rank: 6, hours: 8.7 * M, views: 3.3 * M, weeks: 2 },
    ],
  },
  {
    film: "jaane-jaan-2023",
    list: "films-non-english",
    runtimeHours: 2.3167,
    weeks: [
      { week: "2023-09-24", rank: 1, hours: 18.8 * M, views: 8.1 * M, weeks: 1 },
      { week: "2023-10-01", rank: 4, hours: 14.8 * M, views: 6.4 * M, weeks: 2 },
      { week: "2023-10-08", rank: 9, hours: 4.4 * M, views: 1.9 * M, weeks: 3 },
    ],
  },
  {
    film: "reptile-2023",
    list: "films-english",
    runtimeHours: 2.2667,
    weeks: [
      { week: "2023-10-01", rank: 1, hours: 40.2 * M, views: 17.7 * M, weeks: 1 },
      { week: "2023-10-08", rank: 1, hours: 45.1 * M, views: 19.9 * M, weeks: 2 },
      { week: "2023-10-15", rank: 1, hours: 32.3 * M, views: 14.2 * M, weeks: 3 },
      { week: "2023-10-22", rank: 4, hours: 15.8 * M, views: 7.0 * M, weeks: 4 },
      { week: "2023-10-29", rank: 7, hours: 7.9 * M, views: 3.5 * M, weeks: 5 },
    ],
  },
  {
    film: "fair-play-2023",
    list: "films-english",
    runtimeHours: 1.9167,
    weeks: [
      { week: "2023-10-08", rank: 2, hours: 24.2 * M, views: 12.6 * M, weeks: 1 },
      { week: "2023-10-15", rank: 2, hours: 26.9 * M, views: 14.0 * M, weeks: 2 },
      { week: "2023-10-22", rank: 6, hours: 7.3 * M, views: 3.8 * M, weeks: 3 },
    ],
  },
  {
    film: "old-dads-2023",
    list: "films-english",
    runtimeHours: 1.7333,
    weeks: [
      { week: "2023-10-22", rank: 1, hours: 23.1 * M, views: 13.3 * M, weeks: 1 },
      { week: "2023-10-29", rank: 1, hours: 28.2 * M, views: 16.3 * M, weeks: 2 },
      { week: "2023-11-05", rank: 5, hours: 8.7 * M, views: 5.0 * M, weeks: 3 },
    ],
  },
  {
    film: "pain-hustlers-2023",
    list: "films-english",
    runtimeHours: 2.0833,
    weeks: [
      { week: "2023-10-29", rank: 2, hours: 29.3 * M, views: 14.1 * M, weeks: 1 },
      { week: "2023-11-05", rank: 2, hours: 31.7 * M, views: 15.2 * M, weeks: 2 },
    ],
  },
  {
    film: "mean-girls-2004",
    list: "films-english",
    runtimeHours: 1.6167,
    weeks: [
      { week: "2023-10-08", rank: 6, hours: 7.3 * M, views: 4.5 * M, weeks: 2 },
      { week: "2023-10-15", rank: 5, hours: 6.3 * M, views: 3.9 * M, weeks: 3 },
    ],
  },
];
