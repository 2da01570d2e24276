// Blameless naming: roles in place of handles everywhere but the People section, with
// the cases that break naive substitution.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { blameless, castOf, entryText } from "../../src/core/postmortem/blameless.js";
import { incidentOf } from "./support.js";

const incident = incidentOf([
  ["alice", "/role ops @bob\n/role comms @alice\n/role scribe @carol"],
  ["bob", "/timeline @bobby restarted the LB; @bob checked it"],
  ["carol", "/timeline asked @dave and @erin, then @dave again"],
]);
const cast = castOf(incident, defaultConfig, "hereby[bot]");
const say = (text: string) => blameless(text, cast);

describe("blameless substitution", () => {
  it("replaces @bob without touching @bobby, who is a responder of their own", () => {
    expect(say("@bobby restarted the LB; @bob checked it")).toBe(
      "Responder 1 restarted the LB; Operations checked it",
    );
  });

  it("replaces a handle inside a code span", () => {
    expect(say("ran `deploy --approver @bob`")).toBe("ran `deploy --approver Operations`");
  });

  it("keeps URLs byte for byte, even with a handle in them", () => {
    expect(say("see https://grafana.example/@bob/d/1?user=@bob and @bob")).toBe(
      "see https://grafana.example/@bob/d/1?user=@bob and Operations",
    );
  });

  it("leaves e-mail addresses and teams alone", () => {
    expect(say("mail bob@example.com or @acme/sre")).toBe("mail bob@example.com or @acme/sre");
  });

  it("takes no host after a redacted password for a person", () => {
    expect(say("postgres://app:[redacted password]@db.internal/x")).toBe(
      "postgres://app:[redacted password]@db.internal/x",
    );
    const withUrl = incidentOf([
      ["alice", "/timeline creds leaked: postgres://app:hunter2@db.internal/x"],
    ]);
    expect(withUrl.timeline.at(-1)?.text).toContain("[redacted password]@db.internal");
    expect(castOf(withUrl, defaultConfig, null).people.map((p) => p.login)).toEqual(["alice"]);
  });

  it("names a person with two roles by both", () => {
    expect(say("@alice paged")).toBe("Incident lead/Communications paged");
    expect(cast.people.find((p) => p.login === "alice")?.roles).toEqual([
      "Incident lead",
      "Communications",
    ]);
  });

  it("numbers people without a role as responders, in order of first appearance", () => {
    expect(say("@dave and @erin")).toBe("Responder 2 and Responder 3");
  });

  it("recognises handles the record had neutralised", () => {
    expect(say("@\u200Bbob and &#64;bob and &commat;carol")).toBe(
      "Operations and Operations and Scribe",
    );
  });

  it("numbers the holders of a role that changed hands", () => {
    const handover = incidentOf([
      ["alice", "/role ops @bob"],
      ["alice", "/role ops @carol\n/lead @dave"],
    ]);
    const c = castOf(handover, defaultConfig, null);
    expect(blameless("@bob, @carol, @dave, @alice", c)).toBe(
      "Operations 1, Operations 2, Incident lead 2, Incident lead 1",
    );
    expect(
      handover.timeline
        .filter((e) => e.kind === "role" || e.kind === "lead")
        .map((e) => entryText(e, c)),
    ).toEqual(["Operations: Operations 1", "Operations: Operations 2", "Incident lead 2 leads"]);
  });

  it("leaves no handle of a cast member anywhere in entries", () => {
    const handles = cast.people.map((p) => `@${p.login}`);
    for (const entry of incident.timeline) {
      const text = entryText(entry, cast);
      for (const h of handles)
        expect(text.split(/\s|`/).includes(h), `${h} in "${text}"`).toBe(false);
    }
  });
});
