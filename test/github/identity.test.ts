// Who hereby writes as, asked of GitHub the same way by every shell: the App's
// `<slug>[bot]`, a person's token's login, and null (with a warning) when GitHub won't say.
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/github/client.js";
import { appLogin, tokenLogin } from "../../src/github/identity.js";

const client = () => createClient({ token: "app-jwt", retries: false, throttle: false });

afterEach(() => nock.cleanAll());

describe("hereby's own login", () => {
  it("the App is `<slug>[bot]`, from GET /app", async () => {
    const scope = nock("https://api.github.com")
      .get("/app")
      .reply(200, { id: 1, slug: "hereby-acme" });
    const warnings: string[] = [];
    expect(
      await appLogin(
        async () => client(),
        (m) => warnings.push(m),
      ),
    ).toBe("hereby-acme[bot]");
    expect(warnings).toEqual([]);
    scope.done();
  });

  it("the App falls back to null and says why when GitHub refuses", async () => {
    const scope = nock("https://api.github.com")
      .get("/app")
      .reply(401, { message: "Bad credentials" });
    const warnings: string[] = [];
    expect(
      await appLogin(
        async () => client(),
        (m) => warnings.push(m),
      ),
    ).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(
        /could not read the app's own login, so every bot's changes are skipped \(.*Bad credentials/,
      ),
    ]);
    scope.done();
  });

  it("an installation token (`ghs_`) is not asked: null, no request", async () => {
    expect(await tokenLogin(client(), "ghs_installation")).toBeNull();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a person's token is their login; a refusal is null", async () => {
    nock("https://api.github.com")
      .get("/user")
      .reply(200, { login: "octocat" })
      .get("/user")
      .reply(403, { message: "Forbidden" });
    expect(await tokenLogin(client(), "ghp_person")).toBe("octocat");
    expect(await tokenLogin(client(), "ghp_person")).toBeNull();
  });
});
