import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Tabs through every control of the page, in order, and returns those that showed no focus ring
 * (no outline and no box-shadow) or could not be reached. A keyboard user must always see where
 * they are.
 */
async function tabThrough(page: Page, limit = 80) {
  const reached: string[] = [];
  const invisible: string[] = [];
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== "none";
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
      return { name, ring };
    });
    if (!focus) break;
    if (reached.includes(focus.name) && reached.length > 3 && focus.name === reached[0]) break;
    reached.push(focus.name);
    if (!focus.ring) invisible.push(focus.name);
  }
  return { reached, invisible };
}

for (const path of [
  "/",
  "/films?list=non-english&sort=rank",
  "/films/ballerina-2023",
  "/charts",
  "/search?q=ballerina",
]) {
  test(
    `every control of ${path} shows where the keyboard focus is`,
    { tag: "@ui" },
    async ({ page }) => {
      await page.goto(path);
      const { reached, invisible } = await tabThrough(page);
      expect(reached.length).toBeGreaterThan(5);
      expect(invisible).toEqual([]);
    },
  );
}
