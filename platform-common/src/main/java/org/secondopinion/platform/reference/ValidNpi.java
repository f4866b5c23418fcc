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

/** A valid NPI (ten digits with a correct check digit); null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ValidNpi.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidNpi {
    String message() default "must be a valid 10-digit NPI with a correct check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidNpi, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Npi.isValid(value);
        }
    }
}
