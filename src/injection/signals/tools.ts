// Tool and function hijacking: text that tries to make the model call a tool, run a command or ship
// code that steals local data. In a user prompt this is often legitimate ("call the weather tool"), so it
// weighs little there; in tool results and retrieved documents it is what an indirect injection does.
import { re2 } from '../../util/re2.js';

/** The wire shapes of a tool call, written into text. */
export const TOOL_CALL_SHAPE = re2(
  '"(?:function_call|tool_calls?|tool_use|tool_name|function_name|recipient_name)" ?:' +
  '|"name" ?: ?"[a-z0-9_.-]{2,64}" ?, ?"(?:arguments|parameters|input|args)" ?:' +
  '|<(?:tool_call|function_call|invoke|tool_use)\\b|\\bto=(?:functions|tools)\\.[a-z_]',
  'gu',
);

/** Asking for a tool, function or command to be run. */
export const CALL_TOOL = re2(
  '(?:call|invoke|use|run|execute|trigger|fire|activate|perform)(?:s|ing)? (?:the |this |that |a )?(?:[a-z_]+ )?' +
  '(?:function|tool|plugin|api|action|endpoint|webhook|command|shell command|script)s?(?: named| called| with)?' +
  '|(?:execute|run|perform|carry out)(?: the)? (?:following|these|this|below)(?: [a-z]+)? (?:command|code|instruction|script|action|step|snippet)s?',
  'gu',
);

/** Commands and code idioms that destroy, persist or phone home. */
export const DANGEROUS_CODE = re2(
  'rm -rf|(?:curl|wget) [^\\n|]*\\| ?(?:ba|z)?sh|os\\.system ?\\(|subprocess\\.(?:run|call|popen|check_output)|' +
  '\\beval ?\\(|\\bexec ?\\(|powershell(?:\\.exe)? -(?:enc|e|encodedcommand)\\b|/etc/(?:passwd|shadow)|chmod \\+x|' +
  'nc -e|base64 -d ?\\||invoke-expression|\\biex ?\\(|mkfifo|/dev/tcp/|crontab|/etc/init\\.d|\\.bashrc|authorized_keys|' +
  'keylogger|cryptominer|xmrig|stratum\\+tcp',
  'gu',
);

/**
 * Code that reads local secrets or machine state, and code that ships data to a remote host. Each alone
 * is everyday code; both in the same text is what an exfiltration snippet looks like. Two simple
 * expressions checked for co-occurrence, rather than one with a bounded distance, keep RE2's automaton
 * small and the scan fast.
 */
export const READS_LOCAL_SECRETS = re2(
  'os\\.environ|process\\.env|getenv|document\\.cookie|cookies?\\.(?:txt|sqlite|json)|\\.ssh/|id_rsa|keychain|' +
  'credentials|localstorage|/proc/|usb\\.core|bluetooth\\.|psutil\\.|clipboard|pyperclip|browser_cookie|wifi password|' +
  'os\\.listdir\\(|glob\\.glob\\(|/etc/passwd|\\.bash_history|getpass',
  'gu',
);
export const SENDS_REMOTE = re2(
  'requests\\.(?:post|get|put)\\(|urlopen\\(|urlretrieve\\(|httpx\\.(?:post|get)|fetch ?\\(|axios\\.|sendbeacon|smtplib|' +
  'yagmail|socket\\.connect|\\.sendall\\(|http\\.client|ftplib|paramiko|scp\\.|curl |wget |nc |webhook',
  'gu',
);
