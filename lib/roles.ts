/** Who may do what, by role; framework-free so server checks and client menus agree. */

/** Editors change films' facts; moderators and admins are editors too. */
export function canEdit(role: string | null | undefined): boolean {
  return role === "editor" || role === "moderator" || role === "admin";
}
