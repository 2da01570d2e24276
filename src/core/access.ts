// Permission levels in order: whether a role meets the one config asks for.
import { PERMISSIONS, type Permission } from "../config.js";

export function allows(actual: Permission | "none", required: Permission): boolean {
  if (actual === "none") return false;
  return PERMISSIONS.indexOf(actual) >= PERMISSIONS.indexOf(required);
}
