// Rules ported from other scanners where they catch what hereby's and gitleaks' rules
// miss, tried after hereby's own (hereby-rules.ts) and before gitleaks' (gitleaks.ts):
// - secretlint v13.0.4-27-g18346ba3 (18346ba31b81, MIT): packages/@secretlint/
//   secretlint-rule-{tailscale,vercel,cloudflare,databricks,grafana,groq,shopify}/src;
// - detect-secrets v1.5.0-50-g5e14193 (5e141933554a, Apache-2.0): detect_secrets/
//   plugins/{artifactory,cloudant,softlayer,discord,gitlab_token,telegram_token,twilio,
//   jwt,keyword,high_entropy_strings}.py.
// - gitleaks' file-scoped rules (nuget-config-password, kubernetes-secret-yaml), which
//   gitleaks-rules.json skips as rules about files, as text rules: a pasted nuget.config
//   line or Secret manifest is as secret in a comment as in its file.
// The regexes are theirs, with every quantifier bounded and word boundaries added where
// the original relies on scanning one line of code at a time.
import type { Rule } from "./engine.js";
import { KEYWORD_RULES } from "./keyword-rules.js";

const TOKEN_CHARS = /[A-Za-z0-9_-]/;

/** A token with a fixed vendor prefix, not glued to a preceding letter. */
const token = (kind: string, re: string, keywords: string[]): Rule => ({
  re: new RegExp(String.raw`(?<!\p{L})${re}`, "dgu"),
  kind,
  keywords,
});

/** `<prefix>[_-]?(api)?[_-]?<key word> = <value>`: detect-secrets' assignment regex. */
const assignment = (kind: string, prefix: string, words: string, value: string): Rule => ({
  re: new RegExp(
    String.raw`(?<![A-Za-z0-9])${prefix}[_-]?(?:api)?[_-]?(?:${words})["']?[ \t]{0,10}` +
      String.raw`(?::=|=>|:|=)?[ \t]{0,10}["']?(?<v>${value})(?![A-Za-z0-9])`,
    "dgi",
  ),
  kind,
  groups: ["v"],
});

const K8S_SECRET = /(?:^|\n)[ \t]*kind:[ \t]*["']?secret["']?[ \t]*(?:\r?\n|$)/i;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / s.length) * Math.log2(c / s.length);
  return h;
}

export const IMPORTED_RULES: readonly Rule[] = [
  // secretlint
  token(
    "Tailscale key",
    String.raw`tskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}(?![0-9A-Za-z_])`,
    ["tskey-"],
  ),
  token("Vercel token", String.raw`vc[pirak]_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])`, ["vc"]),
  token(
    "Cloudflare API token",
    String.raw`(?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9])`,
    ["cfk_", "cfut_", "cfat_"],
  ),
  token("Databricks token", String.raw`dapi[A-Fa-f0-9]{32}(?:-[0-9])?(?![A-Fa-f0-9])`, ["dapi"]),
  token(
    "Grafana token",
    String.raw`(?:glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])` +
      String.raw`|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Fa-f0-9]))`,
    ["glc_", "glsa_"],
  ),
  token("Groq API key", String.raw`gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])`, ["gsk_"]),
  token(
    "Shopify token",
    String.raw`(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])`,
    ["shp"],
  ),
  // gitleaks' file-scoped rules
  {
    re: new RegExp(
      String.raw`<add[ \t]{1,10}key=["'](?:clear[ _-]?text)?password["'][ \t]{1,10}` +
        String.raw`value=["'](?<v>[^"'\r\n]{1,1024})["']`,
      "dgi",
    ),
    kind: "NuGet password",
    groups: ["v"],
    keywords: ["password"],
  },
  {
    // The entries under `data:` / `stringData:` of a manifest whose kind is Secret.
    re: /^[ \t]*(?:data|stringData):[ \t]*\r?\n(?<v>(?:[ \t]+[^\r\n]*(?:\r?\n|$)){1,500})/dgm,
    kind: "Kubernetes secret data",
    groups: ["v"],
    keywords: ["kind"],
    accept: (_v, m) => K8S_SECRET.test(m.input),
  },
  // detect-secrets
  {
    // API token (AKC…) and password (AP…), standing alone as a value.
    re: /(?<![^\s=:"])(?:AKC[a-zA-Z0-9]{10,1024}|AP[\dA-F][a-zA-Z0-9]{8,1024})(?![^\s"])/dg,
    kind: "Artifactory token",
    keywords: ["akc", "ap"],
  },
  assignment(
    "Cloudant password",
    "(?:cloudant|cl|clou)",
    "key|pwd|pw|password|pass|token",
    "[0-9a-f]{64}|[a-z]{24}",
  ),
  assignment(
    "SoftLayer API key",
    "(?:softlayer|sl)",
    "key|pwd|password|pass|token",
    "[a-z0-9]{64}",
  ),
  {
    re: /https?:\/\/api\.softlayer\.com\/soap\/(?:v3|v3\.1)\/(?<v>[a-z0-9]{64})(?![A-Za-z0-9])/dgi,
    kind: "SoftLayer API key",
    groups: ["v"],
    keywords: ["softlayer"],
  },
  {
    re: /[MNO][a-zA-Z\d_-]{23,25}\.[a-zA-Z\d_-]{6}\.[a-zA-Z\d_-]{27,200}/dg,
    kind: "Discord bot token",
    extend: TOKEN_CHARS,
  },
  {
    re: new RegExp(
      String.raw`(?<![A-Za-z0-9_-])(?:(?:glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_-]{20,50}` +
        String.raw`|GR1348941[A-Za-z0-9_-]{20,50}|glcbt-(?:[0-9a-fA-F]{2}_)?[A-Za-z0-9_-]{20,50}` +
        String.raw`|glimt-[A-Za-z0-9_-]{25}|glptt-[A-Za-z0-9_-]{40}` +
        String.raw`|glagent-[A-Za-z0-9_-]{50,1024}|gloas-[A-Za-z0-9_-]{64})(?![A-Za-z0-9_])`,
      "dg",
    ),
    kind: "GitLab token",
    keywords: ["gl", "gr1348941"],
  },
  {
    re: /(?<![A-Za-z0-9_:])\d{8,10}:[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/dg,
    kind: "Telegram bot token",
  },
  {
    re: /(?<![A-Za-z0-9])(?:AC|SK)[a-z0-9]{32}(?![A-Za-z0-9])/dg,
    kind: "Twilio key",
    keywords: ["ac", "sk"],
  },
  {
    // An unsigned JWT (header.payload) still carries the claims.
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_=-]{10,4096}\.eyJ[A-Za-z0-9_=-]{4,8192}/dg,
    kind: "JWT",
    keywords: ["eyj"],
    extend: /[A-Za-z0-9_=.+/-]/,
  },
  {
    // A quoted base64 string of high entropy (detect-secrets' limit, 4.5 bits a
    // character). Quoted hex is left alone: digests, ETags and commit SHAs are hex.
    re: /(?<q>["'])(?<v>[A-Za-z0-9+/_=-]{40,4096})\k<q>/dg,
    kind: "high-entropy string",
    groups: ["v"],
    accept: (v) =>
      !/^[0-9a-fA-F-]+$/.test(v) &&
      /[A-Z]/.test(v) &&
      /[a-z]/.test(v) &&
      /[0-9]/.test(v) &&
      entropy(v) > 4.5,
  },
  ...KEYWORD_RULES,
];
