/** `npm run user:role -- <email> <viewer|moderator|admin>`: sets a user's role in DATABASE_URL's database. */
import { describeTarget, openDatabase } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { setUserRole } from "../db/queries/users";
import { userRole, type UserRole } from "../db/schema";

async function main() {
  const [email, role] = process.argv.slice(2);
  if (!email || !role || !(userRole.enumValues as readonly string[]).includes(role)) {
    console.error("usage: npm run user:role -- <email> <viewer|moderator|admin>");
    process.exit(2);
  }
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const user = await setUserRole(handle.db, { email, role: role as UserRole });
    if (!user) {
      console.error(`No user with the email ${email} in the ${describeTarget(handle.target)}.`);
      process.exit(1);
    }
    console.log(`@${user.handle} (${email}) is now ${user.role}.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
