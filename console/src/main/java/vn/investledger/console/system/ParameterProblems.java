package vn.investledger.console.system;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * What is wrong with a request's parameters, as a problem's detail says it: each
 * parameter by name, why, and the value it was given.
 */
public final class ParameterProblems {

	private ParameterProblems() {
	}

	/**
	 * The detail of a request whose parameters failed their checks.
	 * @param ex the failure
	 * @return {@code name: why, was "value"}, each parameter's joined by {@code ; }
	 */
	public static String of(HandlerMethodValidationException ex) {
		List<String> problems = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors errors) {
				errors.getFieldErrors().forEach((error) -> problems.add(of(error)));
			}
			else {
				problems.add(result.getMethodParameter().getParameterName() + ": "
						+ result.getResolvableErrors()
							.stream()
							.map(MessageSourceResolvable::getDefaultMessage)
							.collect(Collectors.joining(", "))
						+ ", was \"" + result.getArgument() + "\"");
			}
		}
		return String.join("; ", problems);
	}

	/**
	 * The detail of one field that failed its check.
	 * @param error the field's error
	 * @return {@code field: why, was "value"}
	 */
	public static String of(FieldError error) {
		return error.getField() + ": " + (error.isBindingFailure() ? "cannot be read" : error.getDefaultMessage())
				+ ", was \"" + error.getRejectedValue() + "\"";
	}

}
