"""Audit event types the people module emits. Payloads hold ids and field names only."""

PERSON_REGISTERED = "person.registered"
PERSON_UPDATED = "person.updated"
PERSON_SEARCHED = "person_search"  # object type of the list event: "person_search.listed"
PEOPLE_LISTED = "person_list"  # object type of the list event: "person_list.listed"
NOTE_ADDED = "person_note.added"
DOCUMENT_UPLOADED = "person_document.uploaded"
DOCUMENT_VERIFIED = "person_document.verified"
DOCUMENT_ENDED = "person_document.ended"
DOCUMENT_REFUSED = "person_document.refused"  # type, size or virus scan; nothing stored
PHOTO_SET = "person_photo.set"  # payload "replaced": whether an earlier photo was deleted
PHOTO_REMOVED = "person_photo.removed"
PHOTO_REFUSED = "person_photo.refused"  # type, size, damage or virus scan; nothing stored
HOUSEHOLD_CREATED = "household.created"
HOUSEHOLD_JOINED = "household.joined"
HOUSEHOLD_LEFT = "household.left"
HOUSEHOLD_PRIMARY_CONTACT_SET = "household.primary_contact_set"
DUPLICATE_FOUND = "duplicate.found"
DUPLICATE_DECIDED = "duplicate.decided"
PERSON_MERGED = "person.merged"
PERSON_UNMERGED = "person.unmerged"
PEOPLE_IMPORTED = "people.imported"
