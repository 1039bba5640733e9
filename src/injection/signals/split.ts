// Payload splitting: the instruction is cut into innocent-looking string pieces that the model is asked
// to reassemble and then follow ("a='ign', b='ore the rules'; do a+b"). Code routinely assigns strings
// and concatenates them, so assembly alone is weak; assembly plus "now follow/answer the result" is not.
import { re2 } from '../../util/re2.js';

/** A short variable bound to a quoted fragment. */
export const STRING_ASSIGNMENT = re2('(?:^|[\\n;,(] ?|[ ])[a-z][a-z0-9_]{0,12} ?(?:=|:=|->|is) ?["\'][^"\'\\n]+["\']', 'gu');

/** Reassembly: a + b + c, or words asking to join the pieces. */
export const CONCATENATION = re2(
  '(?:^|[^a-z0-9_])[a-z][a-z0-9_]{0,12} ?\\+ ?[a-z][a-z0-9_]{0,12}(?:[^a-z0-9_(.]|$)' +
  '|(?:concatenat|combin|join|merg|put together|assembl|glue|stitch|reassembl)[a-z]* (?:the |these |all |both |those )?' +
  '(?:two |three |four |\\d+ )?(?:strings?|parts?|pieces?|fragments?|words?|letters?|variables?|segments?|halves|tokens?|chunks?|sentences?)',
  'gu',
);

/** Asking to act on whatever the reassembly produced. */
export const ACT_ON_RESULT = re2(
  '(?:follow|execute|do|answer|respond to|obey|run|perform|carry out|print|say|tell me|complete|fulfil+)(?: [^\\s.!?]+){0,3} ' +
  '(?:z|result|output|the (?:result|combined|concatenated|resulting|final|full|complete|joined|assembled)(?: [a-z]+)?|it|that)(?:[ .!?,;:]|$)' +
  '|(?:first|second|third|next|last|final|remaining) (?:part|half|piece|fragment|segment|portion) of (?:the|my) (?:instruction|prompt|request|question|message|task|command)',
  'gu',
);
