/**
 * Identity resolution: one golden customer per real customer, however many systems know it and however
 * they spell it.
 *
 * <p>{@code io.crmhub.identity.normalize} is the first stage and the only place values are cleaned for
 * matching: names (with company legal forms cut and branches flagged), a pinyin key, E.164 phones,
 * e-mails with a role-mailbox flag, unified social credit codes checked by their check character, and
 * Chinese addresses split down to house number and room. It is plain Java with no Camel or Spring,
 * pure functions over records, so the mapping transforms, the matcher, the dry-run command and the
 * evaluation harness all share exactly one notion of "the same value". Its word lists (legal forms,
 * branch markers, role mailboxes, surname readings, provinces) are data files under
 * {@code mappings/identity/}, documented in {@code mappings/README.md}.
 *
 * <p>Matching, golden records, merge/unmerge and explanation build on {@link
 * io.crmhub.identity.normalize.NormalizedCustomer}; they follow in sibling packages.
 */
package io.crmhub.identity;
