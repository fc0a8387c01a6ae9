#!/usr/bin/env bash
# Sourced by tests/run.sh. Every test host writes its logs to a file in $RALLIEMENT_TEST_LOG_DIR
# (tests/Ralliement.Tests/Support/TestLogFile.cs). After all the suites, logs_check searches those
# files for the test runs' personal data: any address at a domain the tests use, and the signers'
# names the tests type. It prints the offending lines and returns 1 if there is one.

# Domains the tests write addresses at, read from their sources (example.org, exemple.fr, …). The fuzz
# test's made-up addresses at .invalid are left out: it puts them in URLs, which ASP.NET Core logs.
# So are image names such as badge@2x.png (an image at twice the resolution), which are no address.
log_test_domains() {
  LC_ALL=C.UTF-8 grep -rhoE '@[[:alnum:]][[:alnum:].-]*\.[[:alpha:]]{2,}\b' tests --include='*.cs' \
    | tr 'A-Z' 'a-z' | sed 's/^@//' | grep -v '\.invalid$' | grep -vE '^[0-9]x\.(png|svg)$' | sort -u
}

# Signers' names as the tests type them: firstName: "…", lastName: "…", FirstName = "…", ["LastName"] = "…".
# Words that also name things in log messages (states, roles) are left out; a name must be a capitalised word.
log_test_names() {
  grep -rhoE '(first|last)Name: "[^"]+"|(First|Last)Name"?\]? = "[^"]+"' tests --include='*.cs' \
    | sed -E 's/.*"([^"]+)"$/\1/' \
    | grep -E '^[[:upper:]][[:alpha:]-]{2,}$' \
    | grep -vxE 'News|Batch|Private|Première|Held|Pending|Confirmed|Rejected|Withdrawn|Visible|Person|Personne|Name|Spam|Bot|Queue|Detail|Else|One|Two|Someone|Fuzz|Liste|Seconde|Attente|Patiente|Passante|Retrait|Représentant|Owner|Editor|Moderator' \
    | sort -u
}

logs_check() {
  local folder="${RALLIEMENT_TEST_LOG_DIR:-}"
  if [ -z "$folder" ] || ! compgen -G "$folder/*.log" >/dev/null; then
    echo "Personal data in logs: no log file in '${folder}', so nothing was checked." >&2
    return 1
  fi
  local domains names found=0
  domains=$(log_test_domains | sed 's/\./\\./g' | paste -sd '|')
  names=$(log_test_names | paste -sd '|')
  local files
  files=$(ls "$folder"/*.log | wc -l)
  # An address: anything but separators before the @, then one of the test domains, whatever the case.
  local addresses
  addresses=$(grep -hinoE "[^[:space:]<>\"'(),;:=/@]+@(${domains})\b" "$folder"/*.log | head -n 20)
  if [ -n "$addresses" ]; then
    found=1
    echo "Personal data in logs: addresses at the tests' domains:"
    grep -hiE "[^[:space:]<>\"'(),;:=/@]+@(${domains})\b" "$folder"/*.log | head -n 20 | cut -c1-400
  fi
  if [ -n "$names" ]; then
    local named
    named=$(grep -hwE "(${names})" "$folder"/*.log | head -n 20 | cut -c1-400)
    if [ -n "$named" ]; then
      found=1
      echo "Personal data in logs: signers' names ($(log_test_names | wc -l) searched):"
      echo "$named"
    fi
  fi
  if [ "$found" -eq 0 ]; then
    echo "Personal data in logs: none in $files log files ($(log_test_domains | wc -l) test domains, $(log_test_names | wc -l) names searched)."
  fi
  return "$found"
}
