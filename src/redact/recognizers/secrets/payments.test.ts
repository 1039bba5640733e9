// Payment providers: secret keys found, publishable keys and near misses left alone.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64, B64URL, HEX, LOWER, DIGITS, prng, rand, scan } from './testing/tokens.js';

const next = prng(404);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);

describe('payment recognizers find valid values', () => {
  it.each([
    ['Stripe live secret key', `stripe.api_key = "sk_live_${r(ALNUM, 24)}"`, 'STRIPE_SECRET_KEY', 'sk_live_'],
    ['Stripe restricted key', `rk_live_${r(ALNUM, 99)}`, 'STRIPE_SECRET_KEY', 'rk_live_'],
    ['Stripe test secret key', `sk_test_${r(ALNUM, 24)}`, 'STRIPE_SECRET_KEY', 'sk_test_'],
    ['Stripe webhook secret', `whsec_${r(ALNUM, 32)}`, 'STRIPE_WEBHOOK_SECRET', 'whsec_'],
    ['Square access token', `EAAA${r(B64URL, 60)}`, 'SQUARE_ACCESS_TOKEN', 'EAAA'],
    ['Square access token, shorter', `SQUARE_TOKEN=EAAA${r(B64URL, 32)}`, 'SQUARE_ACCESS_TOKEN', 'EAAA'],
    ['Square legacy token', `sq0atp-${r(B64URL, 22)}`, 'SQUARE_ACCESS_TOKEN', 'sq0atp-'],
    ['Square OAuth secret', `sq0csp-${r(B64URL, 43)}`, 'SQUARE_OAUTH_SECRET', 'sq0csp-'],
    ['Braintree token', `access_token$production$${r(LOWER + DIGITS, 16)}$${r(HEX, 32)}`, 'PAYPAL_BRAINTREE_ACCESS_TOKEN', 'access_token$production$'],
    ['Braintree token, merchant id form', `braintreeToken := "access_token$sandbox$${r(LOWER + DIGITS, 16)}"`, 'PAYPAL_BRAINTREE_ACCESS_TOKEN', 'access_token$sandbox$'],
    ['Stripe prod-mode secret key', `STRIPE_KEY=sk_prod_${r(ALNUM, 32)}`, 'STRIPE_SECRET_KEY', 'sk_prod_'],
    ['Stripe prod-mode restricted key', `rk_prod_${r(ALNUM, 60)}`, 'STRIPE_SECRET_KEY', 'rk_prod_'],
    ['Shopify admin token', `X-Shopify-Access-Token: shpat_${r(HEX, 32)}`, 'SHOPIFY_TOKEN', 'shpat_'],
    ['Shopify shared secret', `shpss_${r(HEX, 32)}`, 'SHOPIFY_TOKEN', 'shpss_'],
    ['Razorpay key id', `rzp_live_${r(ALNUM, 14)}`, 'RAZORPAY_KEY_ID', 'rzp_live_'],
    ['Flutterwave secret key', `FLWSECK_TEST-${r('abcdef' + DIGITS, 32)}-X`, 'FLUTTERWAVE_KEY', 'FLWSECK'],
    ['Flutterwave encryption key', `FLWSECK_TEST-${r('abcdef' + DIGITS, 12)}`, 'FLUTTERWAVE_KEY', 'FLWSECK'],
    ['Adyen API key', `X-API-Key: AQE${r(B64, 150)}`, 'ADYEN_API_KEY', 'AQE'],
    ['Plaid access token', `access-sandbox-${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`, 'PLAID_ACCESS_TOKEN', 'access-sandbox-'],
    ['EasyPost key', `EZAK${r(ALNUM, 54)}`, 'EASYPOST_API_KEY', 'EZAK'],
    ['Shippo token', `shippo_live_${r(HEX, 40)}`, 'SHIPPO_API_TOKEN', 'shippo_live_'],
    ['Shippo token, upper-case hex', `shippo_test_${r(HEX.toUpperCase(), 40)}`, 'SHIPPO_API_TOKEN', 'shippo_test_'],
    ['EasyPost key after an assignment', `export EASYPOST_API_KEY=EZAK${r(ALNUM, 54)}`, 'EASYPOST_API_KEY', 'EZAK'],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });
});

describe('payment recognizers leave public and fake values alone', () => {
  it.each([
    ['Stripe publishable key (public by design)', `pk_live_${'j5krY8XTgIcDaHDb3YrsAfCl'}`],
    ['Stripe key prefix only', 'sk_live_'],
    ['EasyPost prefix inside a base64 blob', `...6wqX6fNUXA/rYqRvfQ+EZAKGqQRiRyqAFRQshGPWOIAwNWGORfKHSBnVNFtVmWYoW6PH23lkqbbDWep95C/3VmWq/edti6...`],
    ['Square digest is not a token', 'aws-cli@sha256:eaaa7b11777babe28e6133a8b19ff71cea687e0d7f05158dee95a71f76ce3d00'],
    ['Braintree token in another environment', `access_token$staging$${r(LOWER + DIGITS, 16)}`],
    ['Braintree merchant id masked', 'access_token$production$xxxxxxxxxxxxxxxx'],
    ['Stripe prod key masked', `sk_prod_${'x'.repeat(24)}`],
    ['Stripe key in an unknown mode', `sk_dev_${r(ALNUM, 24)}`],
    ['Square prefix with too short a body', `EAAA${r(B64URL, 12)}`],
    ['EasyPost prefix after base64 padding', `${r(B64, 42)}==EZAK${r(ALNUM, 54)}`],
    ['EasyPost key one character short', `export EP=EZAK${r(ALNUM, 53)}`],
  ])('%s', (_label, text) => {
    expect(scan(text).filter((f) => f.entity !== 'PRIVATE_KEY')).toEqual([]);
  });
});
