// A dialog's lifecycle state machine (src/common/dialog_state.hpp): the
// table holds exactly the arrows of its diagram, each one is taken, every
// other event is refused (late) or impossible (never applied here: debug
// builds assert), and the facts decide what a verdict is worth.
#include <doctest/doctest.h>

#include "common/dialog_state.hpp"

#include <initializer_list>
#include <string>
#include <vector>

using rasshost::DialogEvent;
using rasshost::DialogMove;
using rasshost::DialogPhase;
using rasshost::DialogState;
using P = DialogPhase;
using E = DialogEvent;

namespace {

struct Arrow {
    P from;
    E event;
    P to;  // == from: the event changes facts only
};

// The diagram, written out again: every allowed move.
const std::vector<Arrow> arrows = {
    {P::created, E::begin_called, P::beginning},
    {P::beginning, E::begin_returned, P::running},
    {P::beginning, E::begin_failed, P::running},
    {P::running, E::flush, P::flushing},
    {P::flushing, E::hold, P::holding},
    {P::created, E::hang_up, P::hung_up},
    {P::running, E::hang_up, P::hung_up},
    {P::flushing, E::hang_up, P::hung_up},
    {P::holding, E::hang_up, P::hung_up},
    {P::hung_up, E::end_called, P::ending},
    {P::ending, E::complete, P::end_answered},
    {P::ending, E::end_awaits_complete, P::grace},
    {P::hung_up, E::torn_down, P::finished},
    {P::ending, E::torn_down, P::finished},
    {P::end_answered, E::torn_down, P::finished},
    {P::grace, E::torn_down, P::finished},
    // facts only
    {P::beginning, E::verdict, P::beginning},
    {P::running, E::verdict, P::running},
    {P::hung_up, E::verdict, P::hung_up},
    {P::ending, E::verdict, P::ending},
    {P::end_answered, E::verdict, P::end_answered},
    {P::created, E::line_lost, P::created},
    {P::beginning, E::line_lost, P::beginning},
    {P::running, E::line_lost, P::running},
    {P::flushing, E::line_lost, P::flushing},
    {P::holding, E::line_lost, P::holding},
    {P::end_answered, E::complete, P::end_answered},
    {P::grace, E::complete, P::grace},
};

const Arrow* arrow(P from, E event) {
    for (const auto& a : arrows)
        if (a.from == from && a.event == event) return &a;
    return nullptr;
}

std::string name(P phase, E event) {
    return "phase " + std::to_string(static_cast<int>(phase)) + ", event " + std::to_string(static_cast<int>(event));
}

DialogState after(std::initializer_list<E> events) {
    DialogState state;
    for (const E event : events) REQUIRE(state.on(event));
    return state;
}

// A state in `phase` whose facts let `event` pass its guard, if any may.
DialogState reach(P phase, E event) {
    switch (phase) {
    case P::created: return {};
    case P::beginning: return after({E::begin_called});
    case P::running:
        if (event == E::flush) return after({E::begin_called, E::begin_returned, E::verdict});
        return after({E::begin_called, E::begin_returned});
    case P::flushing: return after({E::begin_called, E::begin_returned, E::verdict, E::flush});
    case P::holding: return after({E::begin_called, E::begin_returned, E::verdict, E::flush, E::hold});
    case P::hung_up:
        if (event == E::torn_down || event == E::begin_called) return after({E::line_lost, E::hang_up});  // no End owed
        return after({E::begin_called, E::begin_returned, E::hang_up});
    case P::ending: return after({E::begin_called, E::begin_returned, E::hang_up, E::end_called});
    case P::end_answered: return after({E::begin_called, E::begin_returned, E::hang_up, E::end_called, E::complete});
    case P::grace:
        return after({E::begin_called, E::begin_returned, E::hang_up, E::end_called, E::end_awaits_complete});
    case P::finished:
        return after({E::begin_called, E::begin_returned, E::hang_up, E::end_called, E::torn_down});
    }
    return {};
}

bool same(const DialogState& a, const DialogState& b) {
    return a.phase() == b.phase() && a.verdict_given() == b.verdict_given() && a.line_down() == b.line_down() &&
           a.aborted() == b.aborted() && a.end_owed() == b.end_owed();
}

}  // namespace

TEST_CASE("Dialog state: the table allows exactly the diagram's arrows, and each is taken") {
    for (int p = 0; p < rasshost::dialog_phase_count; ++p) {
        for (int e = 0; e < rasshost::dialog_event_count; ++e) {
            const auto phase = static_cast<P>(p);
            const auto event = static_cast<E>(e);
            CAPTURE(name(phase, event));
            const auto rule = rasshost::dialog_rule(phase, event);
            const Arrow* a = arrow(phase, event);
            if (a == nullptr) {
                CHECK((rule.move == DialogMove::refused || rule.move == DialogMove::impossible));
                continue;
            }
            CHECK(rule.move == (a->to == phase ? DialogMove::stay : DialogMove::go));
            DialogState state = reach(phase, event);
            REQUIRE(state.phase() == phase);
            CHECK(state.allows(event));
            CHECK(state.on(event));
            CHECK(state.phase() == a->to);
        }
    }
}

TEST_CASE("Dialog state: a refused event changes nothing, an impossible one is never allowed") {
    for (int p = 0; p < rasshost::dialog_phase_count; ++p) {
        for (int e = 0; e < rasshost::dialog_event_count; ++e) {
            const auto phase = static_cast<P>(p);
            const auto event = static_cast<E>(e);
            CAPTURE(name(phase, event));
            const auto move = rasshost::dialog_rule(phase, event).move;
            DialogState state = reach(phase, event);
            if (move == DialogMove::impossible) {
                CHECK_FALSE(state.allows(event));  // on() would assert in a debug build
            } else if (move == DialogMove::refused) {
                const DialogState before = state;
                CHECK_FALSE(state.allows(event));
                CHECK_FALSE(state.on(event));
                CHECK(same(state, before));
            }
        }
    }
}

TEST_CASE("Dialog state: only the first Complete gives the verdict, and not before Begin") {
    DialogState early;
    CHECK_FALSE(early.on(E::verdict));  // the DLL was not given this HPORT yet
    CHECK_FALSE(early.verdict_given());

    DialogState state = after({E::begin_called, E::verdict});
    CHECK(state.verdict_given());
    const DialogState before = state;
    CHECK_FALSE(state.on(E::verdict));
    CHECK(same(state, before));
}

TEST_CASE("Dialog state: a verdict stands only if the line was not lost and Begin did not fail before it") {
    SUBCASE("the ordinary way") {
        const auto state = after({E::begin_called, E::begin_returned, E::verdict, E::flush, E::hang_up});
        CHECK(state.verdict_stands());
        CHECK(state.end_owed());
    }
    SUBCASE("a hang-up during Begin, then Complete") {
        auto state = after({E::begin_called, E::line_lost, E::verdict, E::begin_returned});
        CHECK(state.aborted());
        CHECK_FALSE(state.verdict_stands());
        CHECK_FALSE(state.allows(E::flush));  // the host hangs up instead
        CHECK(state.on(E::hang_up));
    }
    SUBCASE("Complete inside a Begin that fails") {
        auto state = after({E::begin_called, E::verdict, E::begin_failed});
        CHECK_FALSE(state.verdict_stands());
        CHECK_FALSE(state.end_owed());
        CHECK(state.on(E::hang_up));
        CHECK_FALSE(state.allows(E::end_called));
        CHECK(state.on(E::torn_down));
    }
    SUBCASE("the line lost after the verdict keeps it") {
        const auto state = after({E::begin_called, E::begin_returned, E::verdict, E::line_lost});
        CHECK(state.line_down());
        CHECK(state.verdict_stands());
    }
    SUBCASE("a Complete during End, after a hang-up, counts for nothing") {
        const auto state = after({E::begin_called, E::begin_returned, E::line_lost, E::hang_up, E::end_called,
                                  E::complete, E::verdict});
        CHECK(state.verdict_given());
        CHECK_FALSE(state.verdict_stands());
    }
}

TEST_CASE("Dialog state: End's NO_ERROR waits for a Complete unless one came while End ran") {
    auto waits = after({E::begin_called, E::begin_returned, E::hang_up, E::end_called});
    CHECK(waits.on(E::end_awaits_complete));
    CHECK(waits.phase() == P::grace);

    auto answered = after({E::begin_called, E::begin_returned, E::hang_up, E::end_called, E::complete});
    CHECK_FALSE(answered.on(E::end_awaits_complete));
    CHECK(answered.on(E::torn_down));

    auto before_end = after({E::begin_called, E::begin_returned, E::hang_up});
    CHECK_FALSE(before_end.on(E::complete));  // End has not started: it does not answer it
}

TEST_CASE("Dialog state: input is queued until the verdict or the line's loss") {
    CHECK(DialogState{}.input_open());
    CHECK(after({E::begin_called}).input_open());
    CHECK_FALSE(after({E::begin_called, E::verdict}).input_open());
    CHECK_FALSE(after({E::line_lost}).input_open());
    CHECK_FALSE(after({E::begin_called, E::begin_failed}).input_open());
    CHECK_FALSE(after({E::begin_called, E::begin_returned, E::hang_up}).input_open());
}

TEST_CASE("Dialog state: End is owed only once Begin returned NO_ERROR") {
    CHECK_FALSE(after({E::line_lost, E::hang_up}).allows(E::end_called));
    CHECK(after({E::line_lost, E::hang_up}).allows(E::torn_down));
    const auto owed = after({E::begin_called, E::begin_returned, E::hang_up});
    CHECK(owed.allows(E::end_called));
    CHECK_FALSE(owed.allows(E::torn_down));  // End first
}
