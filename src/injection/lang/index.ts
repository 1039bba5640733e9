// The language packs the detector compiles, in one place. English is always on; packs for other
// scripts switch on when their script occurs; the other Latin-script packs when their words do.
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { hi } from './hi.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { pt } from './pt.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import type { LangPack } from './types.js';
import { vi } from './vi.js';
import { zh } from './zh.js';

export const LANG_PACKS: readonly LangPack[] = [en, de, es, fr, it, pt, ru, zh, ja, ko, hi, ar, tr, vi];
