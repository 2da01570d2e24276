// Repository roles, as GitHub names them, and how they compare.

export const PERMISSION_LEVELS = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export const LEVEL_RANK: Record<PermissionLevel, number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

/** The legacy base role reported in `permission` (triage → read, maintain → write). */
export function basePermission(level: PermissionLevel): "admin" | "write" | "read" | "none" {
  if (level === "maintain") return "write";
  if (level === "triage") return "read";
  return level;
}
