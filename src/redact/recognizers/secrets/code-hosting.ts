// Code hosting and CI: GitHub, GitLab, Bitbucket/Atlassian, Sourcegraph, JFrog Artifactory.
// GitHub's classic tokens end in a CRC32 checksum of their random part (base62, six characters),
// so a valid suffix proves the token is real; GitLab and Atlassian publish exact lengths per prefix.
import type { Recognizer } from '../../types.js';
import { base62, base64Decode, bodyAfter, charClasses, crc32, entropy, isDigits, isFillerToken, isHex, isMaskedOrDocumented, readsAsWords, secret } from './util.js';

/** True when the last six characters are base62(CRC32(random part)), the random part being
 *  everything between the `ghp_`-style prefix and the checksum. */
export function githubChecksumValid(token: string): boolean {
  const underscore = token.indexOf('_');
  const random = token.slice(underscore + 1, -6);
  return random.length >= 20 && base62(crc32(random), 6) === token.slice(-6);
}

/**
 * Classic tokens whose checksum does not verify are typically hand-made test values; they are still
 * reported (a mistyped real token is still sensitive) but only when the random part is not filler.
 */
function githubClassicValid(token: string): boolean {
  if (githubChecksumValid(token)) return true;
  const body = token.slice(4);
  return !isFillerToken(body) && entropy(body) >= 4;
}

/** GitLab publishes an exact random-part length per prefix; "routable" tokens carry `.xx.` parts. */
function gitlabLength(lengths: readonly number[], routable: boolean) {
  return (token: string): boolean => {
    const body = token.slice(token.indexOf('-') + 1);
    if (isFillerToken(body.replaceAll('.', ''))) return false;
    if (lengths.includes(body.length)) return true;
    return routable && body.length >= 27 && body.includes('.');
  };
}

/** CI job tokens: an optional short partition id and `_`, then exactly twenty characters. */
function glcbtValid(token: string): boolean {
  const body = token.slice(6);
  const cut = body.indexOf('_');
  const tail = cut >= 1 && cut <= 5 ? body.slice(cut + 1) : '';
  return (body.length === 20 || tail.length === 20) && !isFillerToken(body);
}

/**
 * Artifactory encrypted passwords and API keys (see artifactory_password). A real one mixes cases or
 * digits the way base58 does; refused are already-masked values (`AKCpXXXX...`), all-capital codes
 * ("AP20240001", part numbers: no lower-case letter) and words after the prefix (Objective-C class
 * names such as "APAddressBook", "APFollowers"). Placeholders of the shape ("AP5xxxxxxxxx") are
 * reported (see isMaskedOrDocumented).
 */
function artifactoryValid(value: string): boolean {
  const body = value.slice(3);
  return charClasses(value).lower > 0 && !isMaskedOrDocumented(body) && !readsAsWords(body);
}

/** Jira/Confluence/Bitbucket Data Center PATs: base64 of "<12 digit id>:<random bytes>". */
function atlassianDcPatValid(value: string): boolean {
  const raw = base64Decode(value);
  if (!raw) return false;
  const colon = raw.indexOf(0x3a);
  return colon >= 6 && colon <= 14 && isDigits(raw.subarray(0, colon).toString('latin1'));
}

export const CODE_HOSTING_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'github_classic_token',
    entity: 'GITHUB_TOKEN',
    pattern: '\\bgh[opusr]_[A-Za-z0-9]{36,40}\\b',
    maxLength: 44,
    confidence: 0.95,
    validate: githubClassicValid,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  }),
  secret({
    // Newer installation tokens: ghs_ + date + a signed JWT-like payload.
    id: 'github_app_installation_token_v2',
    entity: 'GITHUB_TOKEN',
    pattern: '\\bgh[su]_\\d{8}_[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{10,}(?:\\.[A-Za-z0-9_-]{10,})?',
    maxLength: 4000,
    keywords: ['ghs_', 'ghu_'],
  }),
  secret({
    id: 'github_fine_grained_pat',
    entity: 'GITHUB_TOKEN',
    // 22 + `_` + 59 as GitHub issues them; gitleaks accepts any 82 word characters after the prefix.
    pattern: '\\bgithub_pat_[A-Za-z0-9_]{82}\\b',
    maxLength: 93,
    confidence: 0.95,
    validate: bodyAfter(11),
    keywords: ['github_pat_'],
  }),
  secret({
    id: 'github_oauth_client_secret',
    entity: 'GITHUB_OAUTH_SECRET',
    pattern: '(?:^|[^A-Za-z])(?i:github)[\\w.-]{0,20}?(?i:client)?[_.-]?(?i:secret)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-f0-9]{40})\\b',
    group: 1,
    maxLength: 40,
    validate: (v) => !isFillerToken(v),
    keywords: ['github'],
  }),

  // GitLab: one recognizer per length rule ---------------------------------------------------------
  secret({
    id: 'gitlab_token_20',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bgl(?:pat|dt|rt|ffct|ft)-[0-9A-Za-z_.-]{20,}',
    maxLength: 310,
    confidence: 0.9,
    validate: gitlabLength([20], true),
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glffct-', 'glft-'],
  }),
  secret({
    // SCIM tokens: 20 characters as GitLab generates them by default, up to 50 as detect-secrets'
    // GitLabTokenDetector allows ("the length may vary depending on the implementation").
    id: 'gitlab_scim_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bglsoat-[0-9A-Za-z_-]{20,}',
    maxLength: 57,
    confidence: 0.9,
    validate: (v) => !isFillerToken(v.slice(7)),
    keywords: ['glsoat-'],
  }),
  secret({
    id: 'gitlab_runner_registration_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bGR1348941[0-9A-Za-z_-]{20,60}',
    maxLength: 70,
    validate: (v) => v.length <= 59 && !isFillerToken(v.slice(9)),
    keywords: ['gr1348941'],
  }),
  secret({
    id: 'gitlab_ci_build_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bglcbt-(?:[0-9A-Za-z]{1,5}_)?[0-9A-Za-z_-]{20,40}',
    maxLength: 52,
    validate: glcbtValid,
    keywords: ['glcbt-'],
  }),
  secret({
    id: 'gitlab_incoming_mail_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bglimt-[0-9A-Za-z_-]{25,40}',
    maxLength: 46,
    validate: gitlabLength([25], false),
    keywords: ['glimt-'],
  }),
  secret({
    id: 'gitlab_pipeline_trigger_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bglptt-[0-9A-Za-z_-]{40,60}',
    maxLength: 66,
    validate: gitlabLength([40], false),
    keywords: ['glptt-'],
  }),
  secret({
    id: 'gitlab_oauth_app_secret',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bgloas-[0-9A-Za-z_-]{64,80}',
    maxLength: 86,
    validate: gitlabLength([64], false),
    keywords: ['gloas-'],
  }),
  secret({
    id: 'gitlab_agent_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bglagent-[0-9A-Za-z_-]{50,}',
    maxLength: 1032,
    validate: (v) => !isFillerToken(v.slice(8)),
    keywords: ['glagent-'],
  }),
  secret({
    id: 'gitlab_workspace_token',
    entity: 'GITLAB_TOKEN',
    pattern: '\\bgl(?:wt|sa|kas|cisa|rtr)-[0-9A-Za-z_-]{20,64}\\b',
    maxLength: 72,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('-') + 1)),
    keywords: ['glwt-', 'glsa-', 'glkas-', 'glcisa-', 'glrtr-'],
  }),
  secret({
    id: 'gitlab_session_cookie',
    entity: 'GITLAB_SESSION',
    pattern: '_gitlab_session=[0-9a-z]{32}\\b',
    maxLength: 48,
    validate: bodyAfter(16),
    keywords: ['_gitlab_session='],
  }),

  // Atlassian / Bitbucket -------------------------------------------------------------------------
  secret({
    // Cloud API tokens: ATATT3 + base64url body + "=" + an 8-hex CRC suffix (often escaped).
    id: 'atlassian_api_token',
    entity: 'ATLASSIAN_API_TOKEN',
    pattern: '\\bATATT3[A-Za-z0-9_=-]{150,}(?:(?:=|\\\\=|%3[Dd])[A-F0-9]{8})?',
    maxLength: 270,
    validate: bodyAfter(6, 4.5),
    keywords: ['atatt3'],
  }),
  secret({
    id: 'atlassian_admin_or_connect_token',
    entity: 'ATLASSIAN_API_TOKEN',
    pattern: '\\bAT(?:CTT|OA|BB)[A-Za-z0-9_=.-]{30,}',
    maxLength: 310,
    validate: (v) => !isFillerToken(v.slice(4)) && entropy(v) >= 4,
    keywords: ['atctt', 'atoa', 'atbb'],
  }),
  secret({
    id: 'bitbucket_dc_http_token',
    entity: 'BITBUCKET_TOKEN',
    pattern: '\\bBBDC-[A-Za-z0-9+/]{44}',
    maxLength: 49,
    validate: bodyAfter(5),
    keywords: ['bbdc-'],
  }),
  secret({
    // Jira / Confluence Data Center personal access tokens (44 base64 characters, decoded id:random).
    id: 'atlassian_dc_pat',
    entity: 'ATLASSIAN_PAT',
    // The decoded "digits:" prefix is proof enough that a '/'-delimited piece is a token, not base64.
    pattern: '(?:^|[^A-Za-z0-9+=_-])([MNO][A-Za-z0-9+/]{43})(?:[^A-Za-z0-9+=_-]|$)',
    group: 1,
    maxLength: 44,
    validate: atlassianDcPatValid,
  }),

  // Sourcegraph, JFrog ------------------------------------------------------------------------------
  secret({
    id: 'sourcegraph_token',
    entity: 'SOURCEGRAPH_TOKEN',
    pattern: '\\bsgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40}\\b',
    maxLength: 61,
    validate: (v) => !isFillerToken(v.slice(-40)),
    keywords: ['sgp_'],
  }),
  secret({
    id: 'sourcegraph_legacy_token',
    entity: 'SOURCEGRAPH_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:sourcegraph)[\\w.-]{0,20}["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-fA-F0-9]{40})\\b',
    group: 1,
    maxLength: 40,
    validate: (v) => !isFillerToken(v),
    keywords: ['sourcegraph'],
  }),
  secret({
    id: 'artifactory_api_key',
    entity: 'ARTIFACTORY_TOKEN',
    pattern: '\\bAKCp[A-Za-z0-9]{69}\\b',
    maxLength: 73,
    validate: bodyAfter(4),
    keywords: ['akcp'],
  }),
  secret({
    // Reference tokens: base64 of "reftkn:01:<expiry>:<random>".
    id: 'artifactory_reference_token',
    entity: 'ARTIFACTORY_TOKEN',
    pattern: '\\bcmVmdGtuOjA[A-Za-z0-9+/]{53}',
    maxLength: 64,
    validate: bodyAfter(12),
    keywords: ['cmvmdgtuoja'],
  }),
  secret({
    // detect-secrets' ArtifactoryDetector: API keys "AKC" + 10 or more, encrypted passwords "AP" + a
    // hex digit + 8 or more alphanumerics, as a whole token (after a space, `=`, `:` or a quote, and
    // before a space, a quote or punctuation). No name needed; what keeps ordinary text out is in
    // artifactoryValid. Bounded so a 64-character base64 line of a certificate is never one.
    id: 'artifactory_password',
    entity: 'ARTIFACTORY_TOKEN',
    pattern: '(?:^|[\\s=:"\'`])(AP[0-9A-F][A-Za-z0-9]{8,57}|AKC[A-Za-z0-9]{10,80})(?:[\\s"\'`,;.)\\]}]|$)',
    group: 1,
    maxLength: 83,
    confidence: 0.8,
    validate: artifactoryValid,
    context: ['artifactory', 'jfrog', 'art-api', 'artif'],
    // What every match contains: the engine's per-segment check, cheaper than the bounded pattern.
    gate: '(?:AP[0-9A-F]|AKC)[A-Za-z0-9]{8}',
  }),
  secret({
    id: 'jfrog_identity_token',
    entity: 'ARTIFACTORY_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:jfrog|artifactory)[\\w.-]{0,30}?(?i:token|key|password)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9]{64}|[a-f0-9]{73})\\b',
    group: 1,
    maxLength: 73,
    validate: (v) => !isFillerToken(v) && (!isHex(v) || v.length === 73),
    keywords: ['jfrog', 'artifactory'],
  }),
  secret({
    // Pre-2021 GitHub tokens had no prefix: 40 characters assigned to a github...token/key/api name
    // (CredSweeper's "Github Old Token"). Hex as issued; lower-case alphanumerics as CredSweeper
    // accepts them.
    id: 'github_legacy_token',
    entity: 'GITHUB_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:github)[\\w.-]{0,20}?(?i:token|key|api)[\\w.-]{0,20}?["\']?[ \\t]{0,3}(?::=|[:=])[ \\t]{0,3}["\']?([a-z0-9]{40})\\b',
    group: 1,
    maxLength: 40,
    validate: (v) => !isFillerToken(v),
    keywords: ['github'],
  }),
];
