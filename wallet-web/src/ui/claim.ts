/** Claim: paste or open a claim link, see the offer, accept it into the wallet. */
import { AppError } from '../../../shared/errors.js';
import { acceptOffer, fetchOffer, parseClaimLink } from '../claim.js';
import type { ClaimOffer } from '../claim.js';
import { saveCredential } from '../credentials.js';
import { createCredentialChecker } from '../status.js';
import { errorText, formatDate, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { busy, field, h, notice } from './dom.js';
import { pickLanguage } from './card.js';

export function renderClaim(ctx: AppContext, params: URLSearchParams): HTMLElement {
  const fromLink = params.get('offer') ?? '';
  const input = h('input', { type: 'url', name: 'offer', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://…/claims/…', value: fromLink });
  const status = h('div', { 'aria-live': 'polite' });
  const offerBox = h('div', {});
  const open = h('button', { type: 'submit', class: 'primary' }, t('claimOpen'));

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
        const index = ctx.records.findIndex((r) => r.id === record.id);
        ctx.navigate(`#/c/${index}`);
        void ctx.checkCredentials([record.id]);
      } catch (e) {
        status.appendChild(notice('error', errorText(e)));
      }
    }));
    offerBox.replaceChildren(h('section', { class: 'card stack offer', 'aria-labelledby': 'offer-h' },
      h('h2', { id: 'offer-h' }, t('claimOffered')),
      h('p', { class: 'offer-name' }, pickLanguage(offer.credentialName, ctx.settings.lang)),
      h('dl', { class: 'fields' },
        h('div', { class: 'row' }, h('dt', {}, t('provider')), h('dd', {}, offer.provider.name)),
        offer.jp !== undefined ? h('div', { class: 'row' }, h('dt', {}, t('jp')), h('dd', {}, `${offer.jp} JP`)) : null,
        offer.competency ? h('div', { class: 'row' }, h('dt', {}, t('competency')), h('dd', {}, offer.competency)) : null,
        offer.dates ? h('div', { class: 'row' }, h('dt', {}, t('dates')), h('dd', {}, offer.dates)) : null,
        h('div', { class: 'row' }, h('dt', {}, t('claimFrom')), h('dd', {}, offer.issuerOrigin)),
        offer.expiresAt ? h('div', { class: 'row' }, h('dt', {}, t('claimExpires')), h('dd', {}, formatDate(offer.expiresAt))) : null),
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
      status.appendChild(notice('error', errorText(e)));
    }
  });

  const form = h('form', { class: 'card stack', onsubmit: (ev: Event) => { ev.preventDefault(); load(); } },
    h('h1', {}, t('claimTitle')),
    h('p', {}, t('claimIntro')),
    field(t('claimLink'), input),
    open);
  if (fromLink) queueMicrotask(load);
  return h('div', { class: 'stack' }, form, status, offerBox);
}
