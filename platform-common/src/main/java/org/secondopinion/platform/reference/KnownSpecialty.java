package org.secondopinion.platform.reference;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One of the {@link Specialty} codes (GET /api/v1/specialties); null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = KnownSpecialty.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownSpecialty {
    String message() default "must be one of the specialty codes of GET /api/v1/specialties";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownSpecialty, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Specialty.fromCode(value).isPresent();
        }
    }
}
