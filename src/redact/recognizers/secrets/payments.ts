// Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify, Razorpay, Flutterwave, Adyen,
// Plaid, EasyPost, Shippo, Coinbase and others. Stripe publishable keys (pk_live_/pk_test_) are
// public by design (they ship in web pages) and are deliberately not reported; Razorpay key ids are,
// at a low confidence, because they travel next to their secret.
import type { Recognizer } from '../../types.js';
import { bodyAfter, charClasses, entropy, isFillerToken, secret } from './util.js';

// Tokens that sit inside base64 blobs in the wild (EZAK..., AQE...) only count when they start
// after a delimiter that cannot be part of base64, so a blob's middle is never mistaken for one.
const NOT_B64 = '(?:^|[^A-Za-z0-9+/=_-])';
/**
 * The same, or one `=` not after another: base64 has `=` only as trailing padding, so a token right
 * after a single `=` is an assignment's value (`export EASYPOST_KEY=EZAK…`), not a blob's middle.
 */
const NOT_B64_OR_ASSIGN = '(?:^|[^A-Za-z0-9+/=_-]|[^=]=)';
/** Start of a token: a non-word character, or the end of an ANSI colour code in terminal output. */
const LEAD = '(?:^|[^A-Za-z0-9_]|\\x1b\\[[0-9;]{0,12}m)';

export const PAYMENT_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'stripe_secret_key',
    entity: 'STRIPE_SECRET_KEY',
    // `prod` is the third mode gitleaks' stripe-access-token rule knows (sk_prod_, rk_prod_).
    pattern: '\\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,}\\b',
    maxLength: 255,
    confidence: 0.95,
    validate: (v) => !isFillerToken(v.slice(8)),
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'sk_prod_', 'rk_prod_'],
  }),
  secret({
    id: 'stripe_webhook_secret',
    entity: 'STRIPE_WEBHOOK_SECRET',
    pattern: '\\bwhsec_[A-Za-z0-9]{32,64}\\b',
    maxLength: 70,
    validate: bodyAfter(6),
    keywords: ['whsec_'],
  }),
  secret({
    id: 'square_access_token',
    entity: 'SQUARE_ACCESS_TOKEN',
    pattern: '\\b(?:EAAA[A-Za-z0-9_-]{22,60}|sq0atp-[A-Za-z0-9_-]{22})\\b',
    maxLength: 64,
    validate: (v) => !isFillerToken(v.slice(v.startsWith('EAAA') ? 4 : 7)),
    keywords: ['eaaa', 'sq0atp-'],
  }),
  secret({
    id: 'square_oauth_secret',
    entity: 'SQUARE_OAUTH_SECRET',
    pattern: `${LEAD}(sq0csp-[A-Za-z0-9_-]{43})\\b`,
    group: 1,
    maxLength: 50,
    validate: bodyAfter(7),
    keywords: ['sq0csp-'],
  }),
  secret({
    id: 'braintree_access_token',
    entity: 'PAYPAL_BRAINTREE_ACCESS_TOKEN',
    // The merchant id alone after the environment is the form gitleaks' braintree-access-token
    // rule describes; the full token adds `$` and a 32-hex secret.
    pattern: '\\baccess_token\\$(?:production|sandbox)\\$[0-9a-z]{16}(?:\\$[0-9a-f]{32})?\\b',
    maxLength: 80,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('$', 13) + 1)),
    keywords: ['access_token$'],
  }),
  secret({
    id: 'paypal_client_secret',
    entity: 'PAYPAL_CLIENT_SECRET',
    pattern: '(?:^|[^A-Za-z])(?i:paypal)[\\w.-]{0,30}?(?i:secret)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9_-]{80})\\b',
    group: 1,
    maxLength: 80,
    validate: (v) => !isFillerToken(v),
    keywords: ['paypal'],
  }),
  secret({
    id: 'shopify_token',
    entity: 'SHOPIFY_TOKEN',
    pattern: '\\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\\b',
    maxLength: 38,
    validate: bodyAfter(6),
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
  }),
  secret({
    id: 'razorpay_key_id',
    entity: 'RAZORPAY_KEY_ID',
    pattern: '\\brzp_(?:live|test)_[A-Za-z0-9]{14}\\b',
    maxLength: 23,
    confidence: 0.6,
    validate: bodyAfter(9),
    keywords: ['rzp_live_', 'rzp_test_'],
  }),
  secret({
    id: 'razorpay_key_secret',
    entity: 'RAZORPAY_KEY_SECRET',
    pattern: '(?:^|[^A-Za-z])(?i:razorpay|rzp)[\\w.-]{0,30}?(?i:secret)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9]{24})\\b',
    group: 1,
    maxLength: 24,
    validate: (v) => !isFillerToken(v),
    keywords: ['razorpay', 'rzp'],
  }),
  secret({
    id: 'flutterwave_key',
    entity: 'FLUTTERWAVE_KEY',
    pattern: '\\bFLW(?:SECK|PUBK)(?:_TEST)?-[a-hA-H0-9]{32}-X\\b|\\bFLWSECK_TEST-?[a-hA-H0-9]{12}\\b',
    maxLength: 48,
    validate: (v) => !isFillerToken(v.slice(8)),
    keywords: ['flwseck', 'flwpubk'],
  }),
  secret({
    id: 'adyen_api_key',
    entity: 'ADYEN_API_KEY',
    pattern: `${NOT_B64}(AQE[A-Za-z0-9+/_=-]{100,})`,
    group: 1,
    maxLength: 253,
    validate: (v) => entropy(v) >= 4.8 && !isFillerToken(v.slice(3)),
    keywords: ['aqe'],
  }),
  secret({
    id: 'plaid_access_token',
    entity: 'PLAID_ACCESS_TOKEN',
    pattern: '\\baccess-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b',
    maxLength: 60,
    keywords: ['access-sandbox-', 'access-development-', 'access-production-'],
  }),
  secret({
    id: 'plaid_secret',
    entity: 'PLAID_SECRET',
    pattern: '(?:^|[^A-Za-z])(?i:plaid)[\\w.-]{0,30}?(?i:secret)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-f0-9]{30})\\b',
    group: 1,
    maxLength: 30,
    validate: (v) => !isFillerToken(v),
    keywords: ['plaid'],
  }),
  secret({
    id: 'easypost_api_key',
    entity: 'EASYPOST_API_KEY',
    pattern: `${NOT_B64_OR_ASSIGN}(EZ[AT]K[A-Za-z0-9]{54})\\b`,
    group: 1,
    maxLength: 58,
    validate: bodyAfter(4),
    keywords: ['ezak', 'eztk'],
  }),
  secret({
    id: 'shippo_api_token',
    entity: 'SHIPPO_API_TOKEN',
    pattern: '\\bshippo_(?:live|test)_[a-fA-F0-9]{40}\\b',
    maxLength: 52,
    validate: bodyAfter(12),
    keywords: ['shippo_'],
  }),
  secret({
    id: 'coinbase_access_token',
    entity: 'COINBASE_ACCESS_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:coinbase)[\\w.-]{0,30}?(?i:token|key|secret)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9_-]{64})\\b',
    group: 1,
    maxLength: 64,
    validate: (v) => !isFillerToken(v),
    keywords: ['coinbase'],
  }),
  secret({
    id: 'gocardless_token',
    entity: 'GOCARDLESS_TOKEN',
    pattern: '\\blive_[A-Za-z0-9_=-]{40}\\b',
    maxLength: 45,
    validate: (v) => !isFillerToken(v.slice(5)) && charClasses(v).digit > 0 && entropy(v) >= 4,
    context: ['gocardless'],
    requireContext: true,
    keywords: ['gocardless'],
  }),
  secret({
    id: 'paddle_api_key',
    entity: 'PADDLE_API_KEY',
    pattern: '\\bpdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}\\b',
    maxLength: 80,
    keywords: ['pdl_'],
  }),
  secret({
    id: 'lemonsqueezy_or_checkout',
    entity: 'CHECKOUT_SECRET_KEY',
    pattern: '\\bsk_(?:sbox_)?[a-z2-7]{26}[a-z2-7*#$=]\\b',
    maxLength: 40,
    validate: (v) => !isFillerToken(v.slice(3)) && entropy(v) >= 3.8,
    context: ['checkout'],
    requireContext: true,
    keywords: ['checkout'],
  }),
];
