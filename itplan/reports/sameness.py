"""Whether the revisions a signing program appended to a PDF add signatures and nothing a
reader sees.

pyHanko checks what changed *after* each signature, but not what the signing revision itself
brought: a revision may add a signature and, in the same update, change a page. So every object
of the issued file that a later revision rewrites is looked at: the catalog may gain its form
(/AcroForm) and metadata, a page may gain signature widgets in /Annots, the document
information and XMP metadata may change; anything else (a content stream, a font, a new
annotation that is not a signature, another page tree) means the signed document is not the
issued one. Objects that did not exist in the issued file matter only through these, so they
need no check of their own.
"""

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

# What signing adds to the document catalog
CATALOG_KEYS = {"/AcroForm", "/Metadata", "/Perms", "/DSS", "/Extensions", "/Version"}


def adds_only_signatures(reader: PdfFileReader, base: int) -> bool:
    """True when the revisions of ``reader`` after ``base`` (the last revision of the issued
    file) add signatures, their fields and metadata, and change nothing else."""
    xrefs = reader.xrefs
    old = reader.get_historical_resolver(base)
    info = old.trailer_view.raw_get("/Info") if "/Info" in old.trailer_view else None
    info = info.reference if isinstance(info, generic.IndirectObject) else None
    for revision in range(base + 1, xrefs.total_revisions):
        new = reader.get_historical_resolver(revision)
        if new.root_ref != old.root_ref:
            return False
        freed = xrefs.refs_freed_in_revision(revision)
        if any(xrefs.get_introducing_revision(r) <= base for r in freed):
            return False
        for ref in xrefs.explicit_refs_in_revision(revision):
            if xrefs.get_introducing_revision(ref) > base:
                continue  # new: reachable only through an object checked here
            if not _allowed(ref, old, new, root=old.root_ref, info=info):
                return False
    return True


def _allowed(ref, old, new, *, root, info) -> bool:
    before, after = old.get_object(ref), new.get_object(ref)
    if ref == root:
        return _same_except(before, after, CATALOG_KEYS)
    if ref == info:
        return True
    if isinstance(before, generic.StreamObject):
        return before.get("/Type") == "/Metadata"
    if isinstance(before, generic.DictionaryObject) and before.get("/Type") == "/Page":
        return _same_except(before, after, {"/Annots"}) and _adds_signatures(
            _items(before.raw_get("/Annots"), old) if "/Annots" in before else [],
            _items(after.raw_get("/Annots"), new) if "/Annots" in after else [],
            new,
        )
    if isinstance(before, generic.ArrayObject) and isinstance(after, generic.ArrayObject):
        return _adds_signatures(list(before), list(after), new)  # an indirect /Annots array
    return False


def _same_except(before, after, keys: set[str]) -> bool:
    if not isinstance(after, generic.DictionaryObject):
        return False
    names = (set(before) | set(after)) - keys
    return all(k in before and k in after and before.raw_get(k) == after.raw_get(k) for k in names)


def _items(value, resolver) -> list:
    """The raw elements of an array given directly or by reference."""
    if isinstance(value, generic.IndirectObject):
        value = resolver.get_object(value.reference)
    return list(value) if isinstance(value, generic.ArrayObject) else []


def _adds_signatures(before: list, after: list, resolver) -> bool:
    """True when ``after`` keeps ``before`` and what it adds are signature fields' widgets."""
    if after[: len(before)] != before:
        return False
    return all(_is_signature_widget(item, resolver) for item in after[len(before) :])


def _is_signature_widget(item, resolver) -> bool:
    if isinstance(item, generic.IndirectObject):
        item = resolver.get_object(item.reference)
    if not isinstance(item, generic.DictionaryObject) or item.get("/Subtype") != "/Widget":
        return False
    field = item.get("/Parent") if "/FT" not in item else item
    return isinstance(field, generic.DictionaryObject) and field.get("/FT") == "/Sig"
