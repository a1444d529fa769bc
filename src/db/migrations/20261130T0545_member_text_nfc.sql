-- Names and other text of members in Unicode NFC: rows typed with combining marks (NFD)
-- before the schemas normalised input become the same text as their precomposed twins.
-- (given_name and sort_key are derived from full_name; their NFC form sorts the same.)
update members set
  full_name = normalize(full_name, nfc),
  given_name = normalize(given_name, nfc),
  ethnicity = normalize(ethnicity, nfc),
  religion = normalize(religion, nfc),
  hometown = normalize(hometown, nfc),
  residence = normalize(residence, nfc),
  education = normalize(education, nfc),
  occupation = normalize(occupation, nfc),
  position = normalize(position, nfc)
where not (full_name is nfc normalized and given_name is nfc normalized and ethnicity is nfc normalized and religion is nfc normalized
  and coalesce(hometown, '') is nfc normalized and coalesce(residence, '') is nfc normalized and coalesce(education, '') is nfc normalized
  and coalesce(occupation, '') is nfc normalized and coalesce(position, '') is nfc normalized);
