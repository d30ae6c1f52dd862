// The table of a dialog's moves and the one function that applies them
// (see dialog_state.hpp for the diagram).
#include "common/dialog_state.hpp"

#include <array>
#include <cassert>

namespace rasshost {
namespace {

using P = DialogPhase;
using E = DialogEvent;

constexpr DialogRule S{DialogMove::stay, P::created};        // allowed, the phase stays
constexpr DialogRule R{DialogMove::refused, P::created};     // came late: nothing changes
constexpr DialogRule X{DialogMove::impossible, P::created};  // a bug
constexpr DialogRule go(P to) { return {DialogMove::go, to}; }

using Row = std::array<DialogRule, dialog_event_count>;

// Columns in DialogEvent's order:
//   begin_called  begin_returned  begin_failed  verdict  complete  line_lost
//   flush  hold  hang_up  end_called  end_awaits_complete  torn_down
// Row comments say why the refused moves come late.
constexpr std::array<Row, dialog_phase_count> table{{
    // created: a Complete before Begin names an HPORT the DLL was not given
    {go(P::beginning), X, X, R, R, S, X, X, go(P::hung_up), X, X, X},
    // beginning: a Complete inside Begin is acted on after Begin returns
    {X, go(P::running), go(P::running), S, R, S, X, X, X, X, X, X},
    // running
    {X, X, X, S, R, S, go(P::flushing), X, go(P::hung_up), X, X, X},
    // flushing: a second Complete is ignored
    {X, X, X, R, R, S, X, go(P::holding), go(P::hung_up), X, X, X},
    // holding: the delay runs already
    {X, X, X, R, R, S, X, R, go(P::hung_up), X, X, X},
    // hung_up: hung up before Begin's turn, or before the verdict was acted on
    {R, X, X, S, R, R, R, R, R, go(P::ending), X, go(P::finished)},
    // ending: a Complete now answers End's NO_ERROR in advance
    {X, X, X, S, go(P::end_answered), R, R, R, R, X, go(P::grace), go(P::finished)},
    // end_answered: End's NO_ERROR needs no wait
    {X, X, X, S, S, R, R, R, R, X, R, go(P::finished)},
    // grace: the Complete awaited is End's answer, not a verdict
    {X, X, X, R, S, R, R, R, R, X, X, go(P::finished)},
    // finished: everything comes too late
    {R, X, X, R, R, R, R, R, R, X, R, R},
}};

constexpr DialogRule rule(P phase, E event) {
    return table[static_cast<std::size_t>(phase)][static_cast<std::size_t>(event)];
}

constexpr bool allowed(DialogRule r) { return r.move == DialogMove::stay || r.move == DialogMove::go; }

template <class F>
constexpr bool for_all(F f) {
    for (int p = 0; p < dialog_phase_count; ++p)
        for (int e = 0; e < dialog_event_count; ++e)
            if (!f(static_cast<P>(p), static_cast<E>(e), rule(static_cast<P>(p), static_cast<E>(e)))) return false;
    return true;
}

// What a reader would otherwise check by hand.
static_assert(for_all([](P, E e, DialogRule r) { return !(r.move == DialogMove::go && r.to == P::finished) || e == E::torn_down; }),
              "only teardown finishes a dialog");
static_assert(for_all([](P p, E, DialogRule r) { return p != P::finished || !allowed(r); }),
              "nothing leaves finished");
static_assert(for_all([](P, E e, DialogRule r) { return r.move != DialogMove::go || (e != E::verdict && e != E::line_lost); }),
              "a verdict or a lost line moves no phase: they are facts");
static_assert(for_all([](P p, E e, DialogRule r) { return !(r.move == DialogMove::go && r.to == P::flushing) || (p == P::running && e == E::flush); }),
              "only a running dialog acts on a verdict");
static_assert(!allowed(rule(P::created, E::verdict)), "a verdict needs Begin to have been called");
static_assert(for_all([](P p, E e, DialogRule r) { return e != E::line_lost || allowed(r) == (p < P::hung_up); }),
              "the line can be lost until it is hung up");

}  // namespace

DialogRule dialog_rule(DialogPhase phase, DialogEvent event) noexcept { return rule(phase, event); }

// The facts' part of the rules: refused or impossible despite the table.
bool DialogState::guard(DialogEvent event) const noexcept {
    switch (event) {
    case E::verdict:
        return !verdict_given_;  // a second Complete: refused
    case E::flush:
        return verdict_stands();
    case E::end_called:
        return end_owed_;
    case E::torn_down:
        return phase_ != P::hung_up || !end_owed_;  // End first, when it is owed
    default:
        return true;
    }
}

bool DialogState::allows(DialogEvent event) const noexcept { return allowed(rule(phase_, event)) && guard(event); }

bool DialogState::on(DialogEvent event) noexcept {
    const DialogRule r = rule(phase_, event);
    if (!allowed(r)) {
        assert(r.move != DialogMove::impossible && "a dialog event in a phase where it cannot happen");
        return false;
    }
    if (!guard(event)) {
        assert((event == E::verdict) && "a dialog event its facts rule out");
        return false;
    }
    switch (event) {
    case E::begin_returned:
        end_owed_ = true;
        break;
    case E::begin_failed:
        aborted_ = true;
        break;
    case E::verdict:
        verdict_given_ = true;
        break;
    case E::line_lost:
        line_down_ = true;
        if (!verdict_given_) aborted_ = true;
        break;
    case E::hang_up:
        line_down_ = true;
        break;
    default:
        break;
    }
    if (r.move == DialogMove::go) phase_ = r.to;
    return true;
}

}  // namespace rasshost
