// IANA time zone names, as the config's `timezone` key takes them.

/** Zones already checked: building an Intl.DateTimeFormat is a large part of parsing a
 * config, which the App does for every event. Bounded, since the text is anyone's. */
const zonesChecked = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  let known = zonesChecked.get(zone);
  if (known !== undefined) return known;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    known = true;
  } catch {
    known = false;
  }
  if (zonesChecked.size < 1000) zonesChecked.set(zone, known);
  return known;
}
