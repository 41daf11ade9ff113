/**
 * Claim: a claim link opens on "a credential is waiting for you, from <provider>"; accepting
 * it stores the credential and lands on the JP progress with the new credential highlighted.
 * Without a link, the page asks for one to be pasted.
 */
import { AppError } from '../../../shared/errors.js';
import { acceptOffer, fetchOffer, parseClaimLink } from '../claim.js';
import type { ClaimOffer } from '../claim.js';
import { saveCredential } from '../credentials.js';
import { createCredentialChecker } from '../status.js';
import { errorText, formatDateRange, formatDateTime, labelOf, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { busy, field, h, notice } from './dom.js';
import { competencyText, pickLanguage } from './card.js';

function row(label: string, value: string): HTMLElement {
  return h('div', { class: 'row' }, h('dt', {}, label), h('dd', {}, value));
}

/** What the offer gives, in words: course, provider, JP, competency, dates, mode and path. */
function offerFields(offer: ClaimOffer, lang: 'id' | 'en'): HTMLElement[] {
  return [
    h('p', { class: 'offer-name' }, pickLanguage(offer.credentialName, lang)),
    h('p', { class: 'offer-from' }, `${t('claimFromProvider')} `, h('strong', {}, offer.provider.name)),
    h('dl', { class: 'fields' },
      offer.jp !== undefined ? row(t('jp'), `${offer.jp} JP`) : null,
      offer.competency ? row(t('competency'), competencyText(offer.competency)) : null,
      offer.startDate ? row(t('dates'), formatDateRange(offer.startDate, offer.endDate)) : null,
      offer.mode || offer.path ? row(t('mode'), [offer.mode ? labelOf('mode', offer.mode) : '', offer.path ? labelOf('path', offer.path) : ''].filter(Boolean).join(' · ')) : null,
      offer.expiresAt ? row(t('claimExpires'), formatDateTime(offer.expiresAt)) : null),
  ];
}

/**
 * Shown above the setup and unlock forms when the page was opened from a claim link: the
 * first thing the ASN reads is that a credential waits for them, and from whom.
 */
export function offerTeaser(ctx: AppContext, link: string, hasKey: boolean): HTMLElement {
  const box = h('section', { class: 'card stack offer offer-waiting', 'aria-labelledby': 'waiting-h', 'data-testid': 'offer-waiting' },
    h('h2', { id: 'waiting-h' }, t('claimWaiting')),
    h('p', { class: 'muted' }, t('claimFetching')));
  void (async () => {
    try {
      const offer = await fetchOffer(parseClaimLink(link), { lang: ctx.settings.lang });
      box.replaceChildren(h('h2', { id: 'waiting-h' }, t('claimWaiting')), ...offerFields(offer, ctx.settings.lang),
        h('p', { class: 'next-step' }, hasKey ? t('claimUnlockFirst') : t('claimCreateFirst')));
    } catch (e) {
      box.replaceChildren(h('h2', { id: 'waiting-h' }, t('claimWaiting')), notice('error', errorText(e)));
    }
  })();
  return box;
}

export function renderClaim(ctx: AppContext, params: URLSearchParams): HTMLElement {
  const fromLink = params.get('offer') ?? '';
  const input = h('input', { type: 'url', name: 'offer', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://…/claims/…', value: fromLink });
  const status = h('div', { 'aria-live': 'polite' });
  const offerBox = h('div', {});
  const open = h('button', { type: 'submit', class: fromLink ? '' : 'primary' }, t('claimOpen'));

  const showOffer = (offer: ClaimOffer) => {
    const accept = h('button', { type: 'button', class: 'primary' }, t('claimAccept'));
    accept.addEventListener('click', () => void busy(accept, t('claimAccepting'), async () => {
      status.replaceChildren();
      try {
        const session = ctx.session;
        if (!session) throw new AppError('WALLET_LOCKED', 'Locked');
        const record = await acceptOffer(offer, session, ctx.now());
        // Check what came back before keeping it: a forged or tampered answer is not stored.
        const origins = [record.issuerOrigin, ...(ctx.settings.issuerOrigin ? [ctx.settings.issuerOrigin] : [])];
        const check = await createCredentialChecker({ store: ctx.store, now: ctx.now, issuerOrigins: origins })(record);
        if (check.status === 'invalid') throw new AppError('CLAIM_NOT_VERIFIED', check.code ?? 'invalid');
        await saveCredential(ctx.store, session, record);
        await ctx.reloadRecords();
        ctx.flash = { kind: 'ok', text: t('claimDone') };
        // Land where the new hours show: the JP progress, the new credential highlighted.
        ctx.navigate(`#/?new=${encodeURIComponent(record.id)}`);
        void ctx.checkCredentials([record.id]);
      } catch (e) {
        status.appendChild(notice('error', errorText(e)));
      }
    }));
    offerBox.replaceChildren(h('section', { class: 'card stack offer', 'aria-labelledby': 'offer-h' },
      fromLink ? h('h1', { id: 'offer-h' }, t('claimWaiting')) : h('h2', { id: 'offer-h' }, t('claimOffered')),
      ...offerFields(offer, ctx.settings.lang),
      h('p', { class: 'muted small' }, t('claimExplain')),
      h('div', { class: 'actions' }, accept, h('a', { href: '#/', class: 'button' }, t('claimCancel')))));
    accept.focus();
  };

  const load = () => void busy(open, t('claimFetching'), async () => {
    status.replaceChildren();
    offerBox.replaceChildren();
    try {
      const url = parseClaimLink(input.value);
      showOffer(await fetchOffer(url, { lang: ctx.settings.lang }));
    } catch (e) {
      if (fromLink) offerBox.replaceChildren(h('h1', {}, t('claimTitle')));
      status.appendChild(notice('error', errorText(e)));
    }
  });

  const formBody = [field(t('claimLink'), input), open];
  const form = h('form', { class: 'card stack', onsubmit: (ev: Event) => { ev.preventDefault(); load(); } },
    ...(fromLink ? [] : [h('h1', {}, t('claimTitle')), h('p', {}, t('claimIntro'))]),
    ...formBody);
  if (fromLink) {
    queueMicrotask(load);
    // The link's offer comes first; pasting another link stays possible, folded away.
    const loading = h('p', { class: 'muted' }, t('claimFetching'));
    offerBox.appendChild(h('section', { class: 'card stack offer' }, h('h1', {}, t('claimWaiting')), loading));
    return h('div', { class: 'stack' }, status, offerBox, h('details', { class: 'card' }, h('summary', {}, t('claimOtherLink')), form));
  }
  return h('div', { class: 'stack' }, form, status, offerBox);
}
