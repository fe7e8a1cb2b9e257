// After a failed submit, start keyboard and screen reader users at the list of mistakes.
document.getElementById("fouten")?.focus();
