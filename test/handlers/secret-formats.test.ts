// Secret formats people paste into incident comments (keys, tokens, connection strings):
// each is redacted from the record, and the author is told to rotate it. Token-shaped values
// are assembled at run time so this file holds nothing a secret scanner would flag.
import { describe, expect, it } from "vitest";
import { useSimulator } from "../support/simulated.js";
import { SimIssue } from "../support/sim-issue.js";
import { redactSecrets } from "../../src/core/redact.js";
import fc from "fast-check";

useSimulator();

/** A fixed, made-up value of `n` characters (fast-check's generator, replayed from a seed). */
let seed = 75;
const pick = (n: number, alphabet: string): string =>
  fc.sample(fc.string({ unit: fc.constantFrom(...alphabet), minLength: n, maxLength: n }), {
    seed: seed++,
    numRuns: 1,
  })[0]!;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
const an = (n: number): string => pick(n, ALNUM);

const azureKey = pick(86, B64) + "==";
const sasSig = pick(43, ALNUM) + "%3D";
const awsId = "AK" + "IA" + pick(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
const awsSecret = pick(18, ALNUM) + "/" + pick(10, ALNUM) + "+" + pick(10, ALNUM);
const slackPath =
  "T" +
  pick(8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") +
  "/B" +
  pick(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") +
  "/" +
  an(24);
const pw = "Tr0ub4dor" + pick(6, ALNUM) + "&3";
const ghp = "gh" + "p_" + an(36);

/** [what, secret, comment text around it] */
const formats: Array<[string, string, string]> = [
  [
    "an Azure storage connection string",
    azureKey,
    `DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${azureKey};EndpointSuffix=core.windows.net`,
  ],
  [
    "an Azure SAS URL",
    sasSig,
    `https://acmelogs.blob.core.windows.net/c/b.log?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-12-01T00:00:00Z&sig=${sasSig}`,
  ],
  ["a SendGrid key", "SG." + "x", "SG." + an(22) + "." + an(43)],
  ["a Twilio API key", "SK", "twilio key SK" + pick(32, HEX)],
  ["an AWS secret key next to its key id, unlabelled", awsSecret, `creds: ${awsId} ${awsSecret}`],
  [
    "a Slack webhook without https://",
    slackPath,
    `posting to hooks.slack` + `.com/services/${slackPath} failed`,
  ],
  [
    "a Discord webhook",
    "webhooks/",
    `https://discord.com/api/webhooks/1234567890123456789/${pick(68, ALNUM + "_-")}`,
  ],
  [
    "a Teams webhook",
    "webhookb2",
    `https://acme.webhook.office.com/webhookb2/${pick(8, HEX)}-1111-2222-3333-${pick(12, HEX)}@${pick(8, HEX)}-4444-5555-6666-${pick(12, HEX)}/IncomingWebhook/${pick(32, HEX)}/${pick(8, HEX)}-7777-8888-9999-${pick(12, HEX)}`,
  ],
  ["curl -u user:pass", pw, `curl -u deploy:${pw} https://api.example.com/v1/flush`],
  ["mysql -pPASS", pw, `mysql -h db-primary -u root -p${pw} orders`],
  ["redis-cli -a", pw, `redis-cli -h cache -a ${pw} INFO`],
  ["redis-cli --pass", pw, `redis-cli --pass ${pw} -h cache`],
  ["DB_PASS=", pw, `DB_PASS=${pw}`],
  ["pass:", pw, `pass: ${pw}`],
  ["passphrase:", pw, `passphrase: ${pw}`],
  ["DD_APP_KEY=", "x", `DD_APP_KEY=${pick(40, HEX)}`],
  ["a Vault token", "hvs.", "hv" + "s." + an(24)],
  ["a Google OAuth client secret", "GOCSPX-", "GOC" + "SPX-" + pick(28, ALNUM + "_-")],
  ["a Google OAuth access token", "ya29.", "ya" + "29." + pick(60, ALNUM + "_-")],
  ["a Shopify token", "shpat_", "shp" + "at_" + pick(32, HEX)],
  ["a PyPI token", "pypi-", "py" + "pi-AgEIcHlwaS5vcmc" + pick(60, ALNUM + "_-")],
  ["a Docker Hub token", "dckr_pat_", "dckr" + "_pat_" + pick(27, ALNUM + "_-")],
  [
    "a Hugging Face token",
    "hf_",
    "h" + "f_" + pick(34, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  ],
  ["a Mailgun key", "key-", "ke" + "y-" + pick(32, HEX)],
  ["a Mailchimp key", "-us", pick(32, HEX) + "-us" + "14"],
  ["a New Relic key", "NRAK-", "NR" + "AK-" + pick(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")],
  ["a Square token", "sq0atp-", "sq0" + "atp-" + pick(22, ALNUM + "_-")],
  ["a DigitalOcean token", "dop_v1_", "dop" + "_v1_" + pick(64, HEX)],
  ["a Linear key", "lin_api_", "lin" + "_api_" + an(40)],
  [
    "an age secret key",
    "AGE-SECRET-KEY-1",
    "AGE-SECRET" + "-KEY-1" + pick(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
  ],
  ["a token behind a fullwidth ＝", pw, `password＝${pw}`],
  ["a value after a no-break space", pw, `password:\u00a0${pw}`],
  [
    "a token with a zero-width space inside",
    ghp.slice(20),
    ghp.slice(0, 20) + "\u200b" + ghp.slice(20),
  ],
  ["a token with a soft hyphen inside", ghp.slice(20), ghp.slice(0, 20) + "\u00ad" + ghp.slice(20)],
];

describe("secrets that leaked into the record", () => {
  it.each(formats)("%s is redacted", (_what, secret, text) => {
    const r = redactSecrets(`/timeline ${text} (oops)`);
    expect(r.kinds.length, r.text).toBeGreaterThan(0);
    // The secret's own characters are gone (the visible part of an evasion too).
    const tail = text.slice(text.indexOf(secret) === -1 ? 0 : text.indexOf(secret)).slice(0, 40);
    expect(r.text).not.toContain(secret.length >= 8 ? secret : tail);
    expect(r.text.endsWith(" (oops)")).toBe(true);
  });

  it("an Azure connection string is redacted and the author told to rotate it", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(
      await sim.comment(
        "bob",
        `/timeline storage: DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${azureKey};EndpointSuffix=core.windows.net`,
        10,
      ),
    );

    expect(sim.issue.body).not.toContain(azureKey);
    expect(sim.record).toContain("[redacted Azure storage key]");
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain("(Azure storage key)");
    expect(sim.posted[0]).toContain("**rotate it now**");
  });

  it("an evasion keeps the text around it and redacts the original characters", () => {
    const zw = ghp.slice(0, 10) + "\u200b" + ghp.slice(10);
    expect(redactSecrets(`before ${zw} after`).text).toBe("before [redacted GitHub token] after");
    expect(redactSecrets(`ｐａｓｓｗｏｒｄ＝${pw} ✓`).text).toBe(
      "ｐａｓｓｗｏｒｄ＝[redacted password] ✓",
    );
  });
});
