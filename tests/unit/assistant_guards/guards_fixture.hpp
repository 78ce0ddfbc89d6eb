#pragma once
// The allow list every guard test uses: the demo practice's doctors (the same names the entity
// tests use, with their particles, apostrophes and accents), the subject "Maria", and the
// practice's public contacts.
#include <string>
#include <vector>

#include "assistant/engine/guards.hpp"

namespace guards_test {

using namespace medassist::assistant::engine;

inline GuardContext practiceContext() {
    GuardContext ctx;
    ctx.allowedNames = {"Maria",
                        "Dr. Giulia Rossi",
                        "Dr. Marco Esposito",
                        "Dr. Chiara Ricci",
                        "Dr. Francesca Gallo",
                        "Dr. Alessandro Greco",
                        "Dr. Sofia Marino",
                        "Dr. Emma White",
                        "Dott.ssa Anna De Luca",
                        "Dr. Luca D'Angelo",
                        "Prof. Niccol\xC3\xB2 Bianchi",
                        "Dr. Paola Neri"};
    ctx.allowedContacts = {"+39 06 1234 5678", "info@studio-medico.example", "112"};
    ctx.currentYear = 2026;
    return ctx;
}

}  // namespace guards_test
