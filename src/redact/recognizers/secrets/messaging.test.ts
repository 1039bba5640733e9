// Messaging: Slack (structured ids), Discord (base64 user id), Telegram, Twilio, SendGrid, Mailgun,
// Mailchimp, Facebook; documentation placeholders and look-alikes are not reported.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64URL, DIGITS, HEX, LOWER, UPPER, prng, rand, scan } from './testing/tokens.js';

const next = prng(505);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const discordId = Buffer.from('812345678901234567').toString('base64').replaceAll('=', '');
const DISCORD = `${discordId}.${r(B64URL, 6)}.${r(B64URL, 38)}`;
const SLACK_BOT = `xoxb-${r(DIGITS, 12)}-${r(DIGITS, 13)}-${r(ALNUM, 24)}`;

describe('messaging recognizers find valid values', () => {
  it.each([
    ['Slack bot token', `SLACK_BOT_TOKEN=${SLACK_BOT}`, 'SLACK_TOKEN', SLACK_BOT],
    ['Slack user token', `xoxp-${r(DIGITS, 12)}-${r(DIGITS, 12)}-${r(DIGITS, 13)}-${r(HEX, 32)}`, 'SLACK_TOKEN', 'xoxp-'],
    ['Slack app token', `xapp-1-A${r(UPPER + DIGITS, 10)}-${r(DIGITS, 13)}-${r(HEX, 64)}`, 'SLACK_TOKEN', 'xapp-1-'],
    ['Slack rotating token', `xoxe.xoxp-1-${r(ALNUM, 150)}`, 'SLACK_TOKEN', 'xoxe.xoxp-1-'],
    ['Slack webhook', `https://hooks.slack.com/services/T${r(UPPER + DIGITS, 8)}/B${r(UPPER + DIGITS, 8)}/${r(ALNUM, 24)}`, 'SLACK_WEBHOOK_URL', 'hooks.slack.com'],
    ['Slack workflow webhook', `https://hooks.slack.com/workflows/${r(ALNUM, 20)}/${r(ALNUM, 30)}`, 'SLACK_WEBHOOK_URL', 'hooks.slack.com/workflows/'],
    ['Slack user token, dash in the secret', `xoxp-${r(DIGITS, 12)}-${r(DIGITS, 12)}-${r(DIGITS, 13)}-${r(ALNUM, 14)}-${r(ALNUM, 16)}`, 'SLACK_TOKEN', 'xoxp-'],
    ['SendGrid key without the inner dot', `SG.${r(B64URL, 66)}`, 'SENDGRID_API_KEY', 'SG.'],
    ['Facebook app id and client token', `${r(DIGITS, 15)}|${r(HEX, 32)}`, 'FACEBOOK_ACCESS_TOKEN', '|'],
    ['Teams webhook', `https://contoso.webhook.office.com/webhookb2/${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}@${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}/IncomingWebhook/${r(ALNUM, 32)}/${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`, 'TEAMS_WEBHOOK_URL', 'IncomingWebhook'],
    ['Discord bot token', `DISCORD_TOKEN=${DISCORD}`, 'DISCORD_BOT_TOKEN', DISCORD],
    ['Discord webhook', `https://discord.com/api/webhooks/${r(DIGITS, 18)}/${r(B64URL, 68)}`, 'DISCORD_WEBHOOK_URL', '/api/webhooks/'],
    ['Telegram bot token', `${r(DIGITS, 10)}:AA${r(B64URL, 33)}`, 'TELEGRAM_BOT_TOKEN', ':AA'],
    ['Telegram token in a Bot API URL', `https://api.telegram.org/bot${r(DIGITS, 9)}:AA${r(B64URL, 33)}/getMe`, 'TELEGRAM_BOT_TOKEN', ':AA'],
    ['Telegram token after bot, telegram named earlier', `TELEGRAM_URL = "https://api.telegram.org/bot${r(DIGITS, 10)}:AA${r(B64URL, 33)}"`, 'TELEGRAM_BOT_TOKEN', ':AA'],
    ['Twilio API key', `SK${r(HEX, 32)}`, 'TWILIO_API_KEY', 'SK'],
    ['Twilio account SID', `AC${r(HEX, 32)}`, 'TWILIO_ACCOUNT_SID', 'AC'],
    ['Twilio API key, upper-case hex', `SK${r(HEX.toUpperCase(), 32)}`, 'TWILIO_API_KEY', 'SK'],
    ['Twilio SID placeholder of the detect-secrets shape', `TWILIO_SID=AC${'q'.repeat(32)}`, 'TWILIO_ACCOUNT_SID', 'AC'],
    ['Twilio API key, lower-case alphanumerics', `SK${r(LOWER + DIGITS, 32)}`, 'TWILIO_API_KEY', 'SK'],
    ['SendGrid key', `SG.${r(B64URL, 22)}.${r(B64URL, 43)}`, 'SENDGRID_API_KEY', 'SG.'],
    ['Mailgun key', `key-${r(LOWER + DIGITS, 32)}`, 'MAILGUN_API_KEY', 'key-'],
    ['Mailchimp key', `${r(HEX, 32)}-us14`, 'MAILCHIMP_API_KEY', '-us14'],
    ['Brevo key', `xkeysib-${r(HEX, 64)}-${r(ALNUM, 16)}`, 'BREVO_API_KEY', 'xkeysib-'],
    ['Facebook app token', `${r(DIGITS, 16)}|${r(B64URL, 27)}`, 'FACEBOOK_ACCESS_TOKEN', '|'],
    ['Facebook page token', `EAAM${r(ALNUM, 120)}`, 'FACEBOOK_ACCESS_TOKEN', 'EAAM'],
    ['X bearer token', `${'A'.repeat(22)}${r(ALNUM, 40)}%2B${r(ALNUM, 40)}`, 'X_BEARER_TOKEN', 'AAAA'],
    ['Slack workspace token (version digit, random tail)', `SLACK_TOKEN=xoxa-2-${r(ALNUM, 30)}`, 'SLACK_TOKEN', 'xoxa-2-'],
    ['Slack legacy token with four numeric groups', `xoxa-2-${r(DIGITS, 9)}-${r(DIGITS, 11)}-${r(DIGITS, 13)}-${r(HEX, 32)}`, 'SLACK_TOKEN', 'xoxa-2-'],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });
});

describe('messaging recognizers reject placeholders and look-alikes', () => {
  it.each([
    ['Slack masked', 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx'],
    ['Slack too short', 'xoxb-12345-abcd234'],
    ['Slack words', 'xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere'],
    ['Slack in a repository name', 'https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md'],
    ['Slack webhook masked', 'https://hooks.slack.com/services/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['Slack webhook docs path', 'https://hooks.slack.com/services/'],
    ['Discord-shaped but wrong middle length', 'MZ1yGvKTj0rY0cV8i47CjAa.uHQPq.Xb1Mk2nEhe-4icrGOuegj57zMC'],
    ['Discord-shaped with a comma', 'MZ1yGvKTjE0rY0cV8i47CjAa.uRHQPq.Xb1Mk2nEhe,4iUcrGOuegj57zMC'],
    ['Telegram without a numeric id', 'foo:AAH1bjqpKKW3maRSPAxzIU-0v6xNuq2-NjM'],
    ['Telegram-shaped glued to a word, no telegram near', `bot${r(DIGITS, 9)}:AA${r(B64URL, 33)}`],
    ['Telegram-shaped glued to an identifier', `user_${r(DIGITS, 9)}:AA${r(B64URL, 33)}`],
    ['Twilio masked', `SK${'X'.repeat(32)}`],
    ['Twilio documentation word', `AC${'example'.repeat(4)}abcd`],
    ['Twilio-shaped words', 'SKconfigurationmanagerservicehooks'],
    ['Twilio-shaped, upper case beyond hex', `SK${'a1B2c3D4e5F6g7h8'.repeat(2)}`],
    ['SendGrid wrong prefix', 'AG.ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr'],
    ['Mailchimp wrong suffix', `${'3ea4572956e2b381923ed34c31db76aa'}-al32`],
    ['Mailchimp upper-case hex', '9276a43e2951aa46e2b1c33ED38357DB-us2'],
    ['Facebook-like lower-case checksum', 'checksum: eaac4cf978b6fbd480f1092cab8b233c9b949bcabfc9b598dd79a758f7243c28'],
    ['Slack workspace token masked', `xoxa-2-${'x'.repeat(30)}`],
    ['Slack workspace token with a counting tail', 'xoxa-2-abcdefghijklmnopqrstuvwxyzABCD'],
    ['Slack workspace token with a short tail', `xoxa-2-${r(LOWER, 12)}`],
  ])('%s', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});
