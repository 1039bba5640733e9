// Messaging and email: Slack, Discord, Telegram, Twilio, SendGrid, Mailgun, Mailchimp, Brevo,
// Postmark, Microsoft Teams, Facebook/Instagram, X. Slack and Discord tokens have a fixed shape of
// numeric ids and random parts; a Discord bot token's first part is the bot's numeric id in base64.
import type { Recognizer } from '../../types.js';
import { base64Decode, charClasses, entropy, isDigits, isFillerToken, isHex, isMaskedOrDocumented, readsAsWords, secret } from './util.js';

/**
 * Discord bot tokens: base64(user id) "." timestamp "." HMAC. A first part that decodes to digits is
 * proof; otherwise only the historical exact lengths (24-26, 6, 27 or 38) with a random tail count.
 */
function discordTokenValid(token: string): boolean {
  const [id = '', ts = '', mac = ''] = token.split('.');
  if (ts.length !== 6 || isFillerToken(mac)) return false;
  const decoded = base64Decode(id);
  if (decoded && isDigits(decoded.toString('latin1')) && decoded.length >= 17) return mac.length >= 27;
  return id.length >= 24 && id.length <= 26 && (mac.length === 27 || mac.length === 38) && entropy(mac) >= 3.8;
}

/**
 * Twilio SIDs after their two-letter prefix: refused only when masked or documentation
 * (isMaskedOrDocumented) or when the 32 characters read as words ("SKcomponentinitialization...").
 */
function twilioSidValid(value: string): boolean {
  const body = value.slice(2);
  const c = charClasses(body);
  // Hex in either case as issued, or lower-case alphanumerics (detect-secrets), never both mixed.
  if (c.upper > 0 && !isHex(body)) return false;
  return !isMaskedOrDocumented(body) && !readsAsWords(body);
}

/** Slack tokens must carry real numeric ids and a random tail; docs use runs of x or 1234. */
function slackValid(token: string): boolean {
  const tail = token.slice(token.lastIndexOf('-') + 1);
  return !isFillerToken(tail) && charClasses(token).digit >= 6;
}

/**
 * Legacy tokens: the Slack rule, or a long random tail with few numeric groups (`xoxa-2-` and thirty
 * base62 characters has five digits on average, so the digit count alone misses many).
 */
function slackLegacyValid(token: string): boolean {
  if (slackValid(token)) return true;
  const tail = token.slice(token.lastIndexOf('-') + 1);
  const c = charClasses(tail);
  return tail.length >= 24 && !isFillerToken(tail) && c.upper > 0 && c.lower > 0 && entropy(tail) >= 4;
}

/** The secret half of a bot token is random, not filler. */
function telegramTokenValid(v: string): boolean {
  return !isFillerToken(v.slice(v.indexOf(':') + 3));
}

/** The secret part of a Slack webhook URL: its last segment, or for other shapes the whole path. */
function slackWebhookValid(v: string): boolean {
  const path = v.slice(v.indexOf('/', 16) + 1);
  if (path.startsWith('T') && !isFillerToken(v.slice(v.lastIndexOf('/') + 1))) return true;
  return path.length >= 43 && !isFillerToken(path.replaceAll('/', '')) && entropy(path) >= 4;
}

export const MESSAGING_RECOGNIZERS: readonly Recognizer[] = [
  // Slack ------------------------------------------------------------------------------------------
  secret({
    id: 'slack_bot_token',
    entity: 'SLACK_TOKEN',
    pattern: '\\bxoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34}\\b',
    maxLength: 90,
    confidence: 0.95,
    validate: slackValid,
    keywords: ['xoxb-'],
  }),
  secret({
    id: 'slack_user_token',
    entity: 'SLACK_TOKEN',
    pattern: '\\bxox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9-]{28,34}\\b',
    maxLength: 90,
    confidence: 0.95,
    validate: slackValid,
    keywords: ['xoxp-', 'xoxe-'],
  }),
  secret({
    // Rotating (refresh / configuration) tokens: a version digit and a long base64 body.
    id: 'slack_rotating_token',
    entity: 'SLACK_TOKEN',
    pattern: '\\bxox(?:e\\.xox[bp]|[bpe])-\\d-[A-Za-z0-9+/=]{60,}',
    maxLength: 420,
    validate: (v) => !isFillerToken(v.slice(7)) && entropy(v) >= 4 && charClasses(v).digit > 0,
    keywords: ['xoxe', 'xoxp-', 'xoxb-'],
  }),
  secret({
    id: 'slack_app_token',
    entity: 'SLACK_TOKEN',
    pattern: '\\bxapp-\\d-[A-Z0-9]{9,12}-\\d{10,14}-[A-Za-z0-9]{40,70}\\b',
    maxLength: 110,
    validate: slackValid,
    keywords: ['xapp-'],
  }),
  secret({
    // Legacy and workspace-app tokens: up to four numeric groups (`xoxa-2-…`: a version digit, then
    // the random part) and an alphanumeric tail.
    id: 'slack_legacy_token',
    entity: 'SLACK_TOKEN',
    pattern: '\\bxox[aors]-(?:[0-9]{1,14}-){1,4}[A-Za-z0-9]{8,64}\\b',
    maxLength: 110,
    validate: slackLegacyValid,
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'],
  }),
  secret({
    id: 'slack_webhook_url',
    entity: 'SLACK_WEBHOOK_URL',
    // services/T…/B…/secret as issued; workflow and trigger URLs carry other id shapes, so any path
    // of the length gitleaks accepts counts too, when it is random.
    pattern: 'hooks\\.slack\\.com/(?:services|workflows|triggers)/(?:T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/(?:[0-9]{10,20}/)?[A-Za-z0-9]{20,32}\\b|[A-Za-z0-9+/_-]{43,56})',
    maxLength: 140,
    confidence: 0.95,
    validate: slackWebhookValid,
    keywords: ['hooks.slack.com'],
  }),

  // Discord, Telegram, Teams -------------------------------------------------------------------------
  secret({
    id: 'discord_bot_token',
    entity: 'DISCORD_BOT_TOKEN',
    pattern: '[MNO][A-Za-z0-9_-]{23,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}\\b',
    maxLength: 72,
    validate: discordTokenValid,
  }),
  secret({
    id: 'discord_webhook_url',
    entity: 'DISCORD_WEBHOOK_URL',
    pattern: 'discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}\\b',
    maxLength: 120,
    validate: (v) => !isFillerToken(v.slice(v.lastIndexOf('/') + 1)),
    keywords: ['/api/webhooks/'],
  }),
  secret({
    // Bot tokens: numeric bot id ":" "AA" + 33 characters, standing alone (not glued to a word).
    id: 'telegram_bot_token',
    entity: 'TELEGRAM_BOT_TOKEN',
    pattern: '(?:^|[^0-9A-Za-z_])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_-]|$)',
    group: 1,
    maxLength: 46,
    validate: telegramTokenValid,
    keywords: [':aa'],
  }),
  secret({
    // Glued to "bot", as in the Bot API's URLs (api.telegram.org/bot<token>/getMe): like gitleaks and
    // trufflehog, only with the word telegram near, since "bot<digits>" is otherwise just an identifier.
    id: 'telegram_bot_token_url',
    entity: 'TELEGRAM_BOT_TOKEN',
    pattern: 'bot([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_-]|$)',
    group: 1,
    maxLength: 46,
    validate: telegramTokenValid,
    context: ['telegram'],
    requireContext: true,
    contextWindow: 64,
    keywords: [':aa'],
  }),
  secret({
    id: 'teams_webhook_url',
    entity: 'TEAMS_WEBHOOK_URL',
    pattern: 'https://[a-z0-9-]{1,200}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@-]{20,100}/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9-]{20,60}',
    maxLength: 300,
    keywords: ['webhook.office.com'],
  }),

  // Twilio, SendGrid, Mailgun, Mailchimp, Brevo, Postmark -------------------------------------------
  secret({
    // API key SIDs: "SK" + 32 hex digits as issued; detect-secrets' TwilioKeyDetector takes any 32
    // lower-case alphanumerics, so placeholders of the shape are reported too (see twilioSidValid).
    id: 'twilio_api_key',
    entity: 'TWILIO_API_KEY',
    pattern: '\\bSK[0-9a-zA-F]{32}\\b',
    maxLength: 34,
    validate: twilioSidValid,
    keywords: ['sk'],
  }),
  secret({
    // Account SIDs identify the account; with the auth token they are a full credential pair.
    id: 'twilio_account_sid',
    entity: 'TWILIO_ACCOUNT_SID',
    pattern: '\\bAC[0-9a-z]{32}\\b',
    maxLength: 34,
    confidence: 0.8,
    validate: twilioSidValid,
    keywords: ['ac'],
  }),
  secret({
    id: 'twilio_auth_token',
    entity: 'TWILIO_AUTH_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:twilio)[\\w.-]{0,30}?(?i:token|secret|key)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-f0-9]{32})\\b',
    group: 1,
    maxLength: 32,
    validate: (v) => !isFillerToken(v),
    keywords: ['twilio'],
  }),
  secret({
    id: 'sendgrid_api_key',
    entity: 'SENDGRID_API_KEY',
    // SG.<22>.<43> as issued; gitleaks also takes any 66 token characters after "SG.".
    pattern: '\\bSG\\.(?:[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}|[A-Za-z0-9_=.-]{66})\\b',
    maxLength: 100,
    confidence: 0.95,
    validate: (v) => !isFillerToken(v.slice(3).replace('.', '')),
    keywords: ['sg.'],
  }),
  secret({
    id: 'mailgun_api_key',
    entity: 'MAILGUN_API_KEY',
    pattern: '\\bkey-[0-9A-Za-z]{32}\\b',
    maxLength: 36,
    validate: (v) => !isFillerToken(v.slice(4)) && charClasses(v).digit > 0,
    keywords: ['key-'],
  }),
  secret({
    id: 'mailgun_private_key',
    entity: 'MAILGUN_API_KEY',
    pattern: '\\b[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}\\b',
    maxLength: 50,
    validate: (v) => !isFillerToken(v.slice(0, 32)),
  }),
  secret({
    id: 'mailgun_webhook_signing_key',
    entity: 'MAILGUN_API_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:mailgun)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8})\\b',
    group: 1,
    maxLength: 50,
    keywords: ['mailgun'],
  }),
  secret({
    id: 'mailchimp_api_key',
    entity: 'MAILCHIMP_API_KEY',
    pattern: '\\b[0-9a-f]{32}-us[0-9]{1,2}\\b',
    maxLength: 37,
    validate: (v) => !isFillerToken(v.slice(0, 32)),
    keywords: ['-us'],
  }),
  secret({
    // Mixed-case keys of the same shape, only under a Mailchimp name.
    id: 'mailchimp_named_key',
    entity: 'MAILCHIMP_API_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:mailchimp|mc_api)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9]{32}-us[0-9]{1,2})\\b',
    group: 1,
    maxLength: 37,
    validate: (v) => !isFillerToken(v.slice(0, 32)),
    keywords: ['mailchimp', 'mc_api'],
  }),
  secret({
    id: 'brevo_api_key',
    entity: 'BREVO_API_KEY',
    pattern: '\\bxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}\\b|\\bxsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}\\b',
    maxLength: 90,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('-') + 1, v.indexOf('-') + 65)),
    keywords: ['xkeysib-', 'xsmtpsib-'],
  }),
  secret({
    id: 'postmark_server_token',
    entity: 'POSTMARK_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:postmark)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b',
    group: 1,
    maxLength: 36,
    keywords: ['postmark'],
  }),
  secret({
    id: 'mailjet_or_sparkpost_key',
    entity: 'EMAIL_PROVIDER_API_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:mailjet|sparkpost|mandrill|sendinblue|mailersend)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9_-]{22,64})\\b',
    group: 1,
    maxLength: 64,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 3.6 && charClasses(v).digit > 0,
    keywords: ['mailjet', 'sparkpost', 'mandrill', 'sendinblue', 'mailersend'],
  }),

  // Social / ads platforms ---------------------------------------------------------------------------
  secret({
    id: 'facebook_access_token',
    entity: 'FACEBOOK_ACCESS_TOKEN',
    pattern: '\\bEAA[B-Z][A-Za-z0-9]{60,}\\b',
    maxLength: 410,
    validate: (v) => {
      const c = charClasses(v);
      return c.upper > 4 && c.lower > 4 && c.digit > 0 && !isFillerToken(v.slice(4));
    },
    keywords: ['eaa'],
  }),
  secret({
    // App access tokens: numeric app id "|" app secret.
    id: 'facebook_app_token',
    entity: 'FACEBOOK_ACCESS_TOKEN',
    // app id | app secret or client token (27-40 characters, as gitleaks takes them).
    pattern: '\\b[0-9]{15,16}\\|[A-Za-z0-9_-]{27,40}\\b',
    maxLength: 57,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('|') + 1)),
    keywords: ['|'],
  }),
  secret({
    id: 'facebook_app_secret',
    entity: 'FACEBOOK_APP_SECRET',
    pattern: '(?:^|[^A-Za-z])(?i:facebook|fb)[\\w.-]{0,20}?(?i:secret)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-f0-9]{32})\\b',
    group: 1,
    maxLength: 32,
    validate: (v) => !isFillerToken(v),
    keywords: ['facebook', 'fb'],
  }),
  secret({
    id: 'instagram_access_token',
    entity: 'INSTAGRAM_ACCESS_TOKEN',
    pattern: '\\bIG(?:QV|AA)[A-Za-z0-9_-]{100,}',
    maxLength: 404,
    validate: (v) => entropy(v) >= 4.5,
    keywords: ['igqv', 'igaa'],
  }),
  secret({
    // X/Twitter app-only bearer tokens start with a long run of "A" and are URL-encoded.
    id: 'x_bearer_token',
    entity: 'X_BEARER_TOKEN',
    pattern: '\\bA{20,24}[A-Za-z0-9%]{60,140}',
    maxLength: 170,
    // The run of "A"s is format; the randomness is in what follows it.
    validate: (v) => {
      let i = 0;
      while (v[i] === 'A') i++;
      return entropy(v.slice(i)) >= 4.2;
    },
    keywords: ['aaaaaaaaaaaaaaaaaaaa'],
  }),
  secret({
    id: 'linkedin_or_twitch_secret',
    entity: 'SOCIAL_APP_SECRET',
    pattern: '(?:^|[^A-Za-z])(?i:linkedin|twitch|twitter|pinterest|reddit|tiktok)[\\w.-]{0,20}?(?i:secret|token)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9_-]{16,64})\\b',
    group: 1,
    maxLength: 64,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 3.6 && charClasses(v).digit > 0,
    keywords: ['linkedin', 'twitch', 'twitter', 'pinterest', 'reddit', 'tiktok'],
  }),
];
