package dev.consent4j.state;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * What a shop knows of a person's age: an exact age from a birth date, or a band of whole years
 * (as a sign-up form's "13–15" asks it). Decisions use the youngest age the band allows, so a
 * minors rule applies whenever the person might be below its age.
 *
 * @param youngest the lowest age in years the person may be
 * @param oldest   the highest (equal to {@code youngest} for a known birth date)
 */
public record AgeBand(int youngest, int oldest) {

    public AgeBand {
        if (youngest < 0 || oldest > 150 || oldest < youngest) {
            throw new IllegalArgumentException("an age band runs from 0 to 150, youngest first, but was " + youngest + "–" + oldest);
        }
    }

    /** A band of whole years, e.g. {@code between(13, 15)}. */
    public static AgeBand between(int youngest, int oldest) {
        return new AgeBand(youngest, oldest);
    }

    /** The exact age on {@code today} of a person born on {@code birthDate}. */
    public static AgeBand bornOn(LocalDate birthDate, LocalDate today) {
        Objects.requireNonNull(birthDate, "birthDate");
        if (birthDate.isAfter(today)) {
            throw new IllegalArgumentException("a birth date cannot be after today (" + today + "), but was " + birthDate);
        }
        int years = Period.between(birthDate, today).getYears();
        return new AgeBand(years, years);
    }

    /** These signals with this age known: the youngest the band allows. */
    public Signals applyTo(Signals signals) {
        return signals.withAge(youngest);
    }
}
